using System.Reflection.Metadata;
using System.Reflection;
using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// [StructLayout(LayoutKind.Explicit)]: a nanoFramework type definition record has no layout bits, so explicit field
/// offsets (overlapping fields, unions) are silently dropped. Source: https://github.com/nanoframework/metadata-processor,
/// MetadataProcessor.Core/Utility/nanoTypeDefinitionFlags.cs (the flags of CLR_RECORD_TYPEDEF).
/// Exempt: the compiler's array-initializer blobs nested in &lt;PrivateImplementationDetails&gt;, which are raw data for
/// RuntimeHelpers.InitializeArray (present in mscorlib 1.17.11), not structs whose field offsets matter.
/// </summary>
public sealed class ExplicitLayoutRule : ILintRule
{
    public string Name => "explicit-layout";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        return reader.TypeDefinitions
            .Where(handle => (reader.GetTypeDefinition(handle).Attributes & TypeAttributes.LayoutMask) == TypeAttributes.ExplicitLayout
                && !IsArrayInitializerData(reader, reader.GetTypeDefinition(handle)))
            .Select(handle => context.Report(MetadataNames.OfType(reader, handle), this, "explicit layout: nanoFramework type definitions carry no layout, field offsets are lost"));
    }

    private static bool IsArrayInitializerData(MetadataReader reader, TypeDefinition type)
    {
        var declaringType = type.GetDeclaringType();
        return !declaringType.IsNil && reader.GetString(reader.GetTypeDefinition(declaringType).Name) == "<PrivateImplementationDetails>";
    }
}
