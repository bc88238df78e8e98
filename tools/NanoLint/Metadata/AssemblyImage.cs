using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoLint.Metadata;

/// <summary>An assembly's metadata, read from a file or from an in-memory image.</summary>
public sealed class AssemblyImage : IDisposable
{
    private readonly PEReader _peReader;

    private AssemblyImage(ImmutableArray<byte> image)
    {
        _peReader = new PEReader(image);
        Reader = _peReader.GetMetadataReader();
        Name = Reader.GetString(Reader.GetAssemblyDefinition().Name);
    }

    public string Name { get; }

    public MetadataReader Reader { get; }

    public static AssemblyImage FromFile(string path) => new([.. File.ReadAllBytes(path)]);

    public static AssemblyImage FromBytes(ImmutableArray<byte> image) => new(image);

    /// <summary>The method's body, or null when it has none (abstract, extern, runtime-provided).</summary>
    public MethodBodyBlock? GetMethodBody(MethodDefinition method) =>
        method.RelativeVirtualAddress == 0 ? null : _peReader.GetMethodBody(method.RelativeVirtualAddress);

    public void Dispose() => _peReader.Dispose();
}
