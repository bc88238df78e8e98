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

    private static readonly ImmutableArray<byte> s_compiledDeclarations = NanoCompiler.Compile("Decl", """
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

    private static readonly ImmutableArray<byte> s_deviceDeclarations = NanoCompiler.Compile("Decl", """
        namespace Decl
        {
            public class Api
            {
                public int Measure(string what) => what.Length;
            }
        }
        """);

    private static readonly ImmutableArray<byte> s_other = NanoCompiler.Compile("Other", """
        namespace Other
        {
            public static class Thing { public static string Label = "label"; }
        }
        """);

    private static readonly IReadOnlyList<NanoLint.Linting.Finding> s_findings =
        Run(Usage, [s_compiledDeclarations, s_other], [s_deviceDeclarations]);

    [Fact]
    public void TypeMissingFromAKnownAssemblyIsFound() =>
        AssertFinding(s_findings, "unresolved-type", "Decl.Gone", "Decl does not define this type");

    [Fact]
    public void TypeFromAnUnknownAssemblyIsFound() =>
        AssertFinding(s_findings, "unresolved-type", "Other.Thing", "Other is neither mscorlib 1.17.11");

    [Fact]
    public void MissingFieldIsFound() =>
        AssertFinding(s_findings, "unresolved-member", "Decl.Api::Count", "no field of this name");

    [Fact]
    public void MethodWithAnotherSignatureIsFound() =>
        AssertFinding(s_findings, "unresolved-member", "Decl.Api::Measure", "no overload matches instance System.Int32 (System.Int32)<0>");
}
