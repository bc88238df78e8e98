using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoLint.Metadata;

/// <summary>
/// Decodes signature blobs into <see cref="SignatureType"/>s. Names are assembly-neutral, so a member reference's
/// signature decoded in one assembly compares equal to the matching definition's decoded in another.
/// </summary>
public sealed class SignatureTypeProvider : ISignatureTypeProvider<SignatureType, object?>
{
    public static SignatureTypeProvider Instance { get; } = new();

    private SignatureTypeProvider()
    {
    }

    public SignatureType DecodeTypeSpecification(MetadataReader reader, TypeSpecificationHandle handle) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, null);

    /// <summary>A method signature as one comparable string, e.g. "instance System.Void (System.Int32)&lt;0&gt;".</summary>
    public static string Format(MethodSignature<SignatureType> signature) =>
        $"{(signature.Header.IsInstance ? "instance " : "")}{signature.ReturnType.Name} " +
        $"({string.Join(", ", signature.ParameterTypes.Select(type => type.Name))})<{signature.GenericParameterCount}>";

    public SignatureType GetPrimitiveType(PrimitiveTypeCode typeCode) =>
        new("System." + typeCode, typeCode == PrimitiveTypeCode.TypedReference ? SignatureFeatures.TypedReference : SignatureFeatures.None);

    public SignatureType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        new(MetadataNames.OfType(reader, handle));

    public SignatureType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        new(MetadataNames.OfType(reader, handle));

    public SignatureType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        DecodeTypeSpecification(reader, handle);

    public SignatureType GetSZArrayType(SignatureType elementType) => elementType with { Name = elementType.Name + "[]" };

    public SignatureType GetArrayType(SignatureType elementType, ArrayShape shape) =>
        new($"{elementType.Name}[{new string(',', shape.Rank - 1)}]", elementType.Features | SignatureFeatures.MultidimensionalArray);

    public SignatureType GetByReferenceType(SignatureType elementType) => elementType with { Name = elementType.Name + "&" };

    public SignatureType GetPointerType(SignatureType elementType) =>
        new(elementType.Name + "*", elementType.Features | SignatureFeatures.Pointer);

    public SignatureType GetFunctionPointerType(MethodSignature<SignatureType> signature) =>
        new(
            "method " + Format(signature),
            SignatureFeatures.Pointer | signature.ReturnType.Features | SignatureType.Combine(signature.ParameterTypes));

    public SignatureType GetGenericInstantiation(SignatureType genericType, ImmutableArray<SignatureType> typeArguments) =>
        new(
            $"{genericType.Name}<{string.Join(", ", typeArguments.Select(type => type.Name))}>",
            SignatureFeatures.GenericInstance | genericType.Features | SignatureType.Combine(typeArguments));

    public SignatureType GetGenericMethodParameter(object? genericContext, int index) => new("!!" + index);

    public SignatureType GetGenericTypeParameter(object? genericContext, int index) => new("!" + index);

    // Optional modifiers do not change what a member is; required ones (volatile, in) are part of its identity.
    public SignatureType GetModifiedType(SignatureType modifier, SignatureType unmodifiedType, bool isRequired) =>
        isRequired
            ? new($"{unmodifiedType.Name} modreq({modifier.Name})", unmodifiedType.Features | modifier.Features)
            : unmodifiedType;

    public SignatureType GetPinnedType(SignatureType elementType) => elementType with { Name = elementType.Name + " pinned" };
}
