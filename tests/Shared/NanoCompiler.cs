using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ThaliNano.Tests.Shared;

/// <summary>Compiles C# fixtures as a device project would: C# 9, no standard library, nanoFramework's mscorlib.</summary>
internal static class NanoCompiler
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.CSharp9);

    public static MetadataReference Mscorlib { get; } = MetadataReference.CreateFromFile(RepositoryRoot.NanoMscorlib);

    /// <summary>Compiles <paramref name="source"/> to an in-memory dll; fails on any compiler error.</summary>
    public static ImmutableArray<byte> Compile(string assemblyName, string source, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, s_parseOptions)],
            [Mscorlib, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            throw new InvalidOperationException($"fixture {assemblyName} does not compile:\n{string.Join("\n", errors)}");
        }

        return [.. stream.ToArray()];
    }
}
