using System.Reflection.Metadata;
using NanoLint.Metadata;

namespace NanoLint.Linting;

/// <summary>The assembly under check, with what several rules need computed once.</summary>
public sealed class LintContext
{
    private readonly Lazy<IReadOnlyList<MethodCode>> _methods;
    private readonly Lazy<IReadOnlyList<SignatureSite>> _signatureSites;

    public LintContext(AssemblyImage assembly, TypeUniverse universe)
    {
        Assembly = assembly;
        Universe = universe;
        _methods = new(() => MethodCode.ReadAll(assembly));
        _signatureSites = new(() => SignatureSite.Collect(assembly.Reader, Methods));
    }

    public AssemblyImage Assembly { get; }

    public TypeUniverse Universe { get; }

    public MetadataReader Reader => Assembly.Reader;

    /// <summary>The methods that have a body, decoded.</summary>
    public IReadOnlyList<MethodCode> Methods => _methods.Value;

    public IReadOnlyList<SignatureSite> SignatureSites => _signatureSites.Value;

    public Finding Report(string location, ILintRule rule, string message) => new(Assembly.Name, location, rule.Name, message);
}
