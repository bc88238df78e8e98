using System.Reflection.Metadata;

namespace NanoLint.Metadata;

/// <summary>Display names of metadata entities: namespace-qualified, nested types joined with '/'.</summary>
public static class MetadataNames
{
    public static string OfType(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaringType = type.GetDeclaringType();
        return declaringType.IsNil
            ? Qualify(reader.GetString(type.Namespace), name)
            : OfType(reader, declaringType) + "/" + name;
    }

    public static string OfType(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? OfType(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name
            : Qualify(reader.GetString(type.Namespace), name);
    }

    /// <summary>The name of a TypeDef, TypeRef or TypeSpec handle.</summary>
    public static string OfType(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => OfType(reader, (TypeDefinitionHandle)handle),
        HandleKind.TypeReference => OfType(reader, (TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => SignatureTypeProvider.Instance.DecodeTypeSpecification(reader, (TypeSpecificationHandle)handle).Name,
        _ => $"<{handle.Kind}>",
    };

    public static string OfMethod(MetadataReader reader, MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return OfType(reader, method.GetDeclaringType()) + "::" + reader.GetString(method.Name);
    }

    public static string OfField(MetadataReader reader, FieldDefinitionHandle handle)
    {
        var field = reader.GetFieldDefinition(handle);
        return OfType(reader, field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
    }

    public static string OfMember(MetadataReader reader, MemberReferenceHandle handle)
    {
        // A MethodDef parent is a varargs call site of that very method.
        var member = reader.GetMemberReference(handle);
        return member.Parent.Kind == HandleKind.MethodDefinition
            ? OfMethod(reader, (MethodDefinitionHandle)member.Parent)
            : OfType(reader, member.Parent) + "::" + reader.GetString(member.Name);
    }

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
