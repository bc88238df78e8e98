using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// Unmanaged and function pointers (unsafe code, fixed, delegate*): the nanoCLR type system has no pointer data
/// type. Source: https://github.com/nanoframework/metadata-processor, MetadataProcessor.Core/Utility/nanoCLR_DataType.cs
/// (kept in sync with CLR_DataType of the nanoCLR: no PTR or FNPTR).
/// </summary>
public sealed class PointerRule : SignatureFeatureRule
{
    public override string Name => "pointer";

    protected override SignatureFeatures Feature => SignatureFeatures.Pointer;

    protected override string Explanation => "unmanaged or function pointer: the nanoCLR has no pointer types";
}
