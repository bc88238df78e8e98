using System.Reflection.Metadata;

namespace NanoLint.Metadata;

/// <summary>A type that occurs somewhere in an assembly, and where (a type, field or method).</summary>
public sealed record SignatureSite(string Location, SignatureType Type)
{
    private static SignatureTypeProvider Provider => SignatureTypeProvider.Instance;

    /// <summary>
    /// Every type occurring in the assembly's definitions and code: base types and interfaces, field types,
    /// method return and parameter types, locals, and the types behind IL operands (type specifications, member
    /// references and their parents, generic method instantiations, calli signatures).
    /// </summary>
    public static IReadOnlyList<SignatureSite> Collect(MetadataReader reader, IEnumerable<MethodCode> methods)
    {
        var sites = new List<SignatureSite>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var typeName = MetadataNames.OfType(reader, typeHandle);
            var inherited = type.GetInterfaceImplementations()
                .Select(handle => reader.GetInterfaceImplementation(handle).Interface)
                .Append(type.BaseType)
                .Where(handle => handle.Kind == HandleKind.TypeSpecification);
            sites.AddRange(inherited.Select(handle => new SignatureSite(typeName, Provider.DecodeTypeSpecification(reader, (TypeSpecificationHandle)handle))));

            foreach (var fieldHandle in type.GetFields())
            {
                var fieldType = reader.GetFieldDefinition(fieldHandle).DecodeSignature(Provider, null);
                sites.Add(new SignatureSite(MetadataNames.OfField(reader, fieldHandle), fieldType));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var signature = reader.GetMethodDefinition(methodHandle).DecodeSignature(Provider, null);
                var methodName = MetadataNames.OfMethod(reader, methodHandle);
                sites.AddRange(signature.ParameterTypes.Prepend(signature.ReturnType).Select(t => new SignatureSite(methodName, t)));
            }
        }

        foreach (var method in methods)
        {
            var locals = method.LocalSignature.IsNil
                ? []
                : reader.GetStandaloneSignature(method.LocalSignature).DecodeLocalSignature(Provider, null);
            var operands = method.Instructions
                .Where(instruction => !instruction.Token.IsNil)
                .SelectMany(instruction => OperandTypes(reader, instruction.Token));
            sites.AddRange(locals.Concat(operands).Select(type => new SignatureSite(method.Name, type)));
        }

        return sites;
    }

    private static IEnumerable<SignatureType> OperandTypes(MetadataReader reader, EntityHandle token) => token.Kind switch
    {
        HandleKind.TypeSpecification => [Provider.DecodeTypeSpecification(reader, (TypeSpecificationHandle)token)],
        HandleKind.MemberReference => MemberReferenceTypes(reader, (MemberReferenceHandle)token),
        HandleKind.MethodSpecification => MethodSpecificationTypes(reader, (MethodSpecificationHandle)token),
        HandleKind.StandaloneSignature =>
            [Provider.GetFunctionPointerType(reader.GetStandaloneSignature((StandaloneSignatureHandle)token).DecodeMethodSignature(Provider, null))],
        _ => [],
    };

    private static IEnumerable<SignatureType> MemberReferenceTypes(MetadataReader reader, MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        IEnumerable<SignatureType> types;
        if (member.GetKind() == MemberReferenceKind.Field)
        {
            types = [member.DecodeFieldSignature(Provider, null)];
        }
        else
        {
            var signature = member.DecodeMethodSignature(Provider, null);
            types = signature.ParameterTypes.Prepend(signature.ReturnType);
        }

        return member.Parent.Kind == HandleKind.TypeSpecification
            ? types.Prepend(Provider.DecodeTypeSpecification(reader, (TypeSpecificationHandle)member.Parent))
            : types;
    }

    private static IEnumerable<SignatureType> MethodSpecificationTypes(MetadataReader reader, MethodSpecificationHandle handle)
    {
        var specification = reader.GetMethodSpecification(handle);
        var arguments = specification.DecodeSignature(Provider, null);
        var method = specification.Method;
        var name = method.Kind == HandleKind.MethodDefinition
            ? MetadataNames.OfMethod(reader, (MethodDefinitionHandle)method)
            : MetadataNames.OfMember(reader, (MemberReferenceHandle)method);
        var instantiation = new SignatureType(
            $"{name}<{string.Join(", ", arguments.Select(type => type.Name))}>",
            SignatureFeatures.GenericInstance | SignatureType.Combine(arguments));
        return method.Kind == HandleKind.MemberReference
            ? MemberReferenceTypes(reader, (MemberReferenceHandle)method).Prepend(instantiation)
            : [instantiation];
    }
}
