using System.Collections.Immutable;
using ThaliNano.Tests.Shared;
using static NanoLint.Tests.FixtureLint;

namespace NanoLint.Tests;

/// <summary>
/// The fixture compiles against one version of a declarations assembly and is linted against another, as happens
/// when device code uses an API that the package version on the device lacks.
/// </summary>
public class ResolutionTests
{
    private const string Usage = """
        namespace Demo
        {
            public static class User
            {
                public static int Use(Decl.Api api) => api.Count + api.Measure(3) + new Decl.Gone().GetHashCode();

                public static string Elsewhere() => Other.Thing.Label;
            }
        }
        """;

    private static readonly ImmutableArray<byte> CompiledDeclarations = NanoCompiler.Compile("Decl", """
        namespace Decl
        {
            public class Api
            {
                public int Count;
                public int Measure(int times) => times;
            }

            public class Gone { }
        }
        """);

    private static readonly ImmutableArray<byte> DeviceDeclarations = NanoCompiler.Compile("Decl", """
        namespace Decl
        {
            public class Api
            {
                public int Measure(string what) => what.Length;
            }
        }
        """);

    private static readonly ImmutableArray<byte> Other = NanoCompiler.Compile("Other", """
        namespace Other
        {
            public static class Thing { public static string Label = "label"; }
        }
        """);

    private static readonly IReadOnlyList<NanoLint.Linting.Finding> Findings =
        Run(Usage, [CompiledDeclarations, Other], [DeviceDeclarations]);

    [Fact]
    public void TypeMissingFromAKnownAssemblyIsFound() =>
        AssertFinding(Findings, "unresolved-type", "Decl.Gone", "Decl does not define this type");

    [Fact]
    public void TypeFromAnUnknownAssemblyIsFound() =>
        AssertFinding(Findings, "unresolved-type", "Other.Thing", "Other is neither mscorlib 1.17.11");

    [Fact]
    public void MissingFieldIsFound() =>
        AssertFinding(Findings, "unresolved-member", "Decl.Api::Count", "no field of this name");

    [Fact]
    public void MethodWithAnotherSignatureIsFound() =>
        AssertFinding(Findings, "unresolved-member", "Decl.Api::Measure", "no overload matches instance System.Int32 (System.Int32)<0>");
}
