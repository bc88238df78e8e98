using NanoLint.Metadata;
using NanoLint.Rules;

namespace NanoLint.Linting;

/// <summary>Runs every rule over a device assembly.</summary>
public static class NanoLinter
{
    public static IReadOnlyList<ILintRule> Rules { get; } =
    [
        new GenericDefinitionRule(),
        new GenericInstantiationRule(),
        new MultidimensionalArrayRule(),
        new PointerRule(),
        new TypedReferenceRule(),
        new UnresolvedTypeRule(),
        new UnresolvedMemberRule(),
        new UnsupportedOpCodeRule(),
        new VarArgsRule(),
        new PInvokeRule(),
        new ExplicitLayoutRule(),
    ];

    public static LintResult Lint(AssemblyImage assembly, TypeUniverse universe)
    {
        var context = new LintContext(assembly, universe);
        var findings = Rules
            .SelectMany(rule => rule.Check(context))
            .Distinct()
            .OrderBy(finding => finding.Location, StringComparer.Ordinal)
            .ThenBy(finding => finding.Rule, StringComparer.Ordinal)
            .ThenBy(finding => finding.Message, StringComparer.Ordinal)
            .ToList();
        return new LintResult(assembly.Name, assembly.Reader.TypeDefinitions.Count, assembly.Reader.MethodDefinitions.Count, findings);
    }
}
