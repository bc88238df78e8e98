using System.Reflection.Metadata;

namespace NanoLint.Metadata;

/// <summary>A method body: its locals signature and decoded instructions.</summary>
public sealed record MethodCode(
    MethodDefinitionHandle Handle,
    string Name,
    StandaloneSignatureHandle LocalSignature,
    IReadOnlyList<ILInstruction> Instructions)
{
    public static IReadOnlyList<MethodCode> ReadAll(AssemblyImage assembly)
    {
        var reader = assembly.Reader;
        var methods = new List<MethodCode>();
        foreach (var handle in reader.MethodDefinitions)
        {
            if (assembly.GetMethodBody(reader.GetMethodDefinition(handle)) is { } body)
            {
                methods.Add(new MethodCode(handle, MetadataNames.OfMethod(reader, handle), body.LocalSignature, ILDecoder.Decode(body)));
            }
        }

        return methods;
    }
}
