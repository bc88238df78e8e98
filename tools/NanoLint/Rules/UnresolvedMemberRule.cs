using System.Reflection.Metadata;
using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// Member references whose type resolves but which name a field or method (name and signature) that the type does
/// not define (C# compilers reference a member on its declaring type): the nanoCLR binds MemberRefs by name and signature
/// at load time (nf-interpreter src/CLR/Core/TypeSystem.cpp, CLR_RT_Assembly::Resolve_FieldRef / Resolve_MethodRef).
/// Members of generic instantiations are left to <see cref="GenericInstantiationRule"/>, unresolved types to
/// <see cref="UnresolvedTypeRule"/>.
/// </summary>
public sealed class UnresolvedMemberRule : ILintRule
{
    private static SignatureTypeProvider Provider => SignatureTypeProvider.Instance;

    public string Name => "unresolved-member";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference || context.Universe.Resolve(context.Assembly, member.Parent) is not { } type)
            {
                continue;
            }

            var name = reader.GetString(member.Name);
            var isField = member.GetKind() == MemberReferenceKind.Field;
            var signature = isField
                ? member.DecodeFieldSignature(Provider, null).Name
                : SignatureTypeProvider.Format(member.DecodeMethodSignature(Provider, null));
            var candidates = Candidates(type, name, isField).ToList();
            if (!candidates.Contains(signature))
            {
                var message = candidates.Count == 0
                    ? $"no {(isField ? "field" : "method")} of this name in the type"
                    : $"no overload matches {signature}; defined: {string.Join("; ", candidates)}";
                yield return context.Report(MetadataNames.OfMember(reader, handle), this, message);
            }
        }
    }

    /// <summary>The signatures of the type's members named <paramref name="name"/>.</summary>
    private static IEnumerable<string> Candidates(ResolvedType type, string name, bool isField)
    {
        var reader = type.Assembly.Reader;
        var definition = type.Definition;
        return isField
            ? definition.GetFields()
                .Select(reader.GetFieldDefinition)
                .Where(field => reader.StringComparer.Equals(field.Name, name))
                .Select(field => field.DecodeSignature(Provider, null).Name)
            : definition.GetMethods()
                .Select(reader.GetMethodDefinition)
                .Where(method => reader.StringComparer.Equals(method.Name, name))
                .Select(method => SignatureTypeProvider.Format(method.DecodeSignature(Provider, null)));
    }
}
