using System.Reflection;
using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// P/Invoke (DllImport, pinvokeimpl): the nanoCLR cannot load native libraries; native code is reached only through
/// InternalCall methods whose implementation is compiled into the firmware ("Interop"). The MetadataProcessor has no
/// flag for pinvokeimpl methods (https://github.com/nanoframework/metadata-processor,
/// MetadataProcessor.Core/Tables/nanoMethodDefinitionTable.cs, GetFlags); interop:
/// https://jsimoesblog.wordpress.com/2018/06/19/interop-in-net-nanoframework/.
/// </summary>
public sealed class PInvokeRule : ILintRule
{
    public string Name => "pinvoke";

    public IEnumerable<Finding> Check(LintContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.MethodDefinitions)
        {
            var method = reader.GetMethodDefinition(handle);
            if (method.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
            {
                var module = reader.GetString(reader.GetModuleReference(method.GetImport().Module).Name);
                yield return context.Report(MetadataNames.OfMethod(reader, handle), this, $"P/Invoke into {module}: nanoFramework reaches native code only through firmware interop (InternalCall)");
            }
        }
    }
}
