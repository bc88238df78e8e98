using System.Reflection;
using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// [StructLayout(LayoutKind.Explicit)]: a nanoFramework type definition record has no layout bits, so explicit field
/// offsets (overlapping fields, unions) are silently dropped. Source: https://github.com/nanoframework/metadata-processor,
/// MetadataProcessor.Core/Utility/nanoTypeDefinitionFlags.cs (the flags of CLR_RECORD_TYPEDEF).
/// </summary>
public sealed class ExplicitLayoutRule : ILintRule
{
    public string Name => "explicit-layout";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        return reader.TypeDefinitions
            .Where(handle => (reader.GetTypeDefinition(handle).Attributes & TypeAttributes.LayoutMask) == TypeAttributes.ExplicitLayout)
            .Select(handle => context.Report(MetadataNames.OfType(reader, handle), this, "explicit layout: nanoFramework type definitions carry no layout, field offsets are lost"));
    }
}
