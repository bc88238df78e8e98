using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// Generic type and method definitions, compiler-generated ones (closures of generic methods) included.
/// Generics compile against mscorlib 1.17.11 but the 1.x runtime cannot run them; they exist only in the 2.0
/// preview firmware. Sources: https://github.com/nanoframework/nf-interpreter/blob/main/README-GENERICS.md,
/// https://github.com/nanoframework/nanoFramework.IoT.Device/blob/develop/tips-trick.md ("There is no generic (yet)").
/// </summary>
public sealed class GenericDefinitionRule : ILintRule
{
    public string Name => "generic-definition";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        var types = reader.TypeDefinitions
            .Where(handle => reader.GetTypeDefinition(handle).GetGenericParameters().Count > 0)
            .Select(handle => context.Report(MetadataNames.OfType(reader, handle), this, "generic type definition: nanoFramework 1.x has no generics at run time"));
        var methods = reader.MethodDefinitions
            .Where(handle => reader.GetMethodDefinition(handle).GetGenericParameters().Count > 0)
            .Select(handle => context.Report(MetadataNames.OfMethod(reader, handle), this, "generic method definition: nanoFramework 1.x has no generics at run time"));
        return types.Concat(methods);
    }
}
