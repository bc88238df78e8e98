using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// System.TypedReference (__makeref, __refvalue): present in mscorlib 1.17.11, but the nanoCLR has no TYPEDBYREF data
/// type and rejects mkrefany/refanytype/refanyval. Sources: MetadataProcessor.Core/Utility/nanoCLR_DataType.cs
/// (https://github.com/nanoframework/metadata-processor); nf-interpreter src/CLR/Core/Interpreter.cpp, "Unsupported opcodes".
/// </summary>
public sealed class TypedReferenceRule : SignatureFeatureRule
{
    public override string Name => "typed-reference";

    protected override SignatureFeatures Feature => SignatureFeatures.TypedReference;

    protected override string Explanation => "TypedReference: the nanoCLR has no typed references";
}
