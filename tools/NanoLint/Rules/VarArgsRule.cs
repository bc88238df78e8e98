using System.Reflection.Metadata;
using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// The varargs calling convention (__arglist), defined or called: the nanoCLR implements neither the arglist
/// instruction nor variable argument lists. Source: nf-interpreter src/CLR/Core/Interpreter.cpp, "Unsupported opcodes".
/// </summary>
public sealed class VarArgsRule : ILintRule
{
    private const string Explanation = "varargs calling convention (__arglist): the nanoCLR has no variable argument lists";

    public string Name => "varargs";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        var definitions = reader.MethodDefinitions
            .Where(handle => IsVarArgs(reader, reader.GetMethodDefinition(handle).Signature))
            .Select(handle => context.Report(MetadataNames.OfMethod(reader, handle), this, Explanation));
        var references = reader.MemberReferences
            .Where(handle => IsVarArgs(reader, reader.GetMemberReference(handle).Signature))
            .Select(handle => context.Report(MetadataNames.OfMember(reader, handle), this, Explanation));
        return definitions.Concat(references);
    }

    private static bool IsVarArgs(MetadataReader reader, BlobHandle signature) =>
        reader.GetBlobReader(signature).ReadSignatureHeader().CallingConvention == SignatureCallingConvention.VarArgs;
}
