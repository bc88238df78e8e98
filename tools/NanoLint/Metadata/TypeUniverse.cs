using System.Reflection.Metadata;

namespace NanoLint.Metadata;

/// <summary>A type definition found in the universe.</summary>
public readonly record struct ResolvedType(AssemblyImage Assembly, TypeDefinitionHandle Handle)
{
    public TypeDefinition Definition => Assembly.Reader.GetTypeDefinition(Handle);
}

/// <summary>
/// Every type a device assembly may use: those of mscorlib 1.17.11, of the package declarations and of the
/// device assemblies, by assembly name and full type name.
/// </summary>
public sealed class TypeUniverse
{
    private readonly Dictionary<string, Dictionary<string, ResolvedType>> _typesByAssembly = new(StringComparer.Ordinal);

    public TypeUniverse(IEnumerable<AssemblyImage> assemblies)
    {
        foreach (var assembly in assemblies)
        {
            var types = new Dictionary<string, ResolvedType>(StringComparer.Ordinal);
            foreach (var handle in assembly.Reader.TypeDefinitions)
            {
                types[MetadataNames.OfType(assembly.Reader, handle)] = new ResolvedType(assembly, handle);
            }

            if (!_typesByAssembly.TryAdd(assembly.Name, types))
            {
                throw new ArgumentException($"two assemblies named {assembly.Name}", nameof(assemblies));
            }
        }
    }

    public bool ContainsAssembly(string assemblyName) => _typesByAssembly.ContainsKey(assemblyName);

    public ResolvedType? Resolve(string assemblyName, string fullName) =>
        _typesByAssembly.TryGetValue(assemblyName, out var types) && types.TryGetValue(fullName, out var type) ? type : null;

    /// <summary>Resolves a TypeRef of <paramref name="assembly"/>, or a TypeDef of it, to its definition.</summary>
    public ResolvedType? Resolve(AssemblyImage assembly, EntityHandle handle)
    {
        var reader = assembly.Reader;
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return new ResolvedType(assembly, (TypeDefinitionHandle)handle);
            case HandleKind.TypeReference:
                var scope = OutermostScope(reader, (TypeReferenceHandle)handle);
                var name = MetadataNames.OfType(reader, (TypeReferenceHandle)handle);
                return scope.Kind switch
                {
                    HandleKind.AssemblyReference => Resolve(AssemblyName(reader, (AssemblyReferenceHandle)scope), name),
                    HandleKind.ModuleDefinition => Resolve(assembly.Name, name),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The assembly a TypeRef points into, when it is an assembly reference.</summary>
    public static string? ReferencedAssembly(MetadataReader reader, TypeReferenceHandle handle) =>
        OutermostScope(reader, handle) is { Kind: HandleKind.AssemblyReference } scope
            ? AssemblyName(reader, (AssemblyReferenceHandle)scope)
            : null;

    private static EntityHandle OutermostScope(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        return scope.Kind == HandleKind.TypeReference ? OutermostScope(reader, (TypeReferenceHandle)scope) : scope;
    }

    private static string AssemblyName(MetadataReader reader, AssemblyReferenceHandle handle) =>
        reader.GetString(reader.GetAssemblyReference(handle).Name);
}
