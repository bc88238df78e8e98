namespace NanoLint.Metadata;

/// <summary>Constructs found inside a decoded signature type, at any depth.</summary>
[Flags]
public enum SignatureFeatures
{
    None = 0,

    /// <summary>GENERICINST: a closed or open generic type, or a generic method instantiation.</summary>
    GenericInstance = 1,

    /// <summary>ARRAY with an ArrayShape (int[,], or int[*] with bounds): anything but SZARRAY.</summary>
    MultidimensionalArray = 2,

    /// <summary>PTR or FNPTR: unmanaged pointers and function pointers.</summary>
    Pointer = 4,

    /// <summary>TYPEDBYREF: System.TypedReference.</summary>
    TypedReference = 8,
}

/// <summary>A decoded signature type: its display name and the constructs it contains.</summary>
public sealed record SignatureType(string Name, SignatureFeatures Features = SignatureFeatures.None)
{
    public static SignatureFeatures Combine(IEnumerable<SignatureType> types) =>
        types.Aggregate(SignatureFeatures.None, (features, type) => features | type.Features);
}
