using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// Generic instantiations (TypeSpec GENERICINST, MethodSpec) in fields, signatures, locals and IL operands:
/// Action&lt;T&gt;, Func&lt;...&gt;, Nullable&lt;T&gt; and user generics alike. Sources as for
/// <see cref="GenericDefinitionRule"/>.
/// </summary>
public sealed class GenericInstantiationRule : SignatureFeatureRule
{
    public override string Name => "generic-instantiation";

    protected override SignatureFeatures Feature => SignatureFeatures.GenericInstance;

    protected override string Explanation => "generic instantiation: nanoFramework 1.x has no generics at run time";
}
