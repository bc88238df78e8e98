using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoLint.Metadata;

/// <summary>Splits a method body's IL into instructions (ECMA-335 III.1.2).</summary>
public static class ILDecoder
{
    private const byte TwoByteOpCodePrefix = 0xFE;

    private static readonly Dictionary<short, OpCode> s_opCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value);

    public static IReadOnlyList<ILInstruction> Decode(MethodBodyBlock body)
    {
        var instructions = new List<ILInstruction>();
        var reader = body.GetILReader();
        while (reader.RemainingBytes > 0)
        {
            var offset = reader.Offset;
            int value = reader.ReadByte();
            if (value == TwoByteOpCodePrefix)
            {
                value = (value << 8) | reader.ReadByte();
            }

            if (!s_opCodesByValue.TryGetValue(unchecked((short)value), out var opCode))
            {
                throw new BadImageFormatException($"unknown IL opcode 0x{value:X2} at IL_{offset:X4}");
            }

            instructions.Add(new ILInstruction(offset, opCode, ReadOperand(ref reader, opCode.OperandType)));
        }

        return instructions;
    }

    private static EntityHandle ReadOperand(ref BlobReader reader, OperandType operandType)
    {
        switch (operandType)
        {
            case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig
                or OperandType.InlineTok or OperandType.InlineType:
                return MetadataTokens.EntityHandle(reader.ReadInt32());
            case OperandType.InlineSwitch:
                // The target count first, then that many targets: read before moving, since Offset moves with it.
                var targets = reader.ReadInt32();
                reader.Offset += 4 * targets;
                break;
            default:
                reader.Offset += OperandSize(operandType);
                break;
        }

        return default;
    }

    private static int OperandSize(OperandType operandType) => operandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
