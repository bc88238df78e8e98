using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NanoLint.Linting;
using NanoLint.Metadata;
using ThaliNano.Tests.Shared;

namespace NanoLint.Tests;

/// <summary>Compiles a fixture against nanoFramework's mscorlib and lints it.</summary>
internal static class FixtureLint
{
    public const string AssemblyName = "Fixture";

    public static IReadOnlyList<Finding> Run(string source) => Run(source, [], []);

    /// <param name="compiledAgainst">Assemblies the fixture compiles against, besides mscorlib.</param>
    /// <param name="universe">Assemblies the lint resolves against, besides mscorlib and the fixture.</param>
    public static IReadOnlyList<Finding> Run(string source, ImmutableArray<byte>[] compiledAgainst, ImmutableArray<byte>[] universe)
    {
        var fixture = NanoCompiler.Compile(AssemblyName, source, [.. compiledAgainst.Select(image => MetadataReference.CreateFromImage(image))]);
        var images = universe.Prepend(fixture).Select(AssemblyImage.FromBytes).Prepend(AssemblyImage.FromFile(RepositoryRoot.NanoMscorlib)).ToList();
        try
        {
            return NanoLinter.Lint(images[1], new TypeUniverse(images)).Findings;
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }
    }

    public static void AssertFinding(IReadOnlyList<Finding> findings, string rule, string location, string messagePart = "")
    {
        Assert.True(
            findings.Any(finding => finding.Rule == rule && finding.Location == location && finding.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected {rule} at {location} ({messagePart}); found:\n{string.Join("\n", findings)}");
    }
}
