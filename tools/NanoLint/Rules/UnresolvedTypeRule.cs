using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// Type references that neither mscorlib 1.17.11, the package declarations nor the device assemblies define: the
/// nanoCLR binds every TypeRef by name when it loads an assembly and refuses the assembly when one is missing
/// (nf-interpreter src/CLR/Core/TypeSystem.cpp, CLR_RT_Assembly::Resolve_TypeRef).
/// </summary>
public sealed class UnresolvedTypeRule : ILintRule
{
    public string Name => "unresolved-type";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.TypeReferences)
        {
            if (context.Universe.Resolve(context.Assembly, handle) is not null)
            {
                continue;
            }

            var assemblyName = TypeUniverse.ReferencedAssembly(reader, handle);
            var message = assemblyName is null
                ? "type reference outside any assembly reference"
                : context.Universe.ContainsAssembly(assemblyName)
                    ? $"{assemblyName} does not define this type"
                    : $"{assemblyName} is neither mscorlib 1.17.11, a package declaration nor a device assembly";
            yield return context.Report(MetadataNames.OfType(reader, handle), this, message);
        }
    }
}
