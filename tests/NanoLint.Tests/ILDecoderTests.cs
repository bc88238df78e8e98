using System.Reflection.Emit;
using NanoLint.Metadata;
using ThaliNano.Tests.Shared;

namespace NanoLint.Tests;

public class ILDecoderTests
{
    // A switch operand is a target count followed by that many 4-byte targets; the next instruction starts after them.
    [Fact]
    public void DecodesTheInstructionAfterASwitchAtTheEndOfItsJumpTable()
    {
        var image = NanoCompiler.Compile(FixtureLint.AssemblyName, """
            namespace Demo
            {
                public static class Letters
                {
                    public static int Value(int c)
                    {
                        switch (c)
                        {
                            case 'a': return 1;
                            case 'b': return 2;
                            case 'c': return 3;
                            case 'd': return 4;
                        }

                        return c * 7 + 3;
                    }
                }
            }
            """);
        using var assembly = AssemblyImage.FromBytes(image);

        var instructions = MethodCode.ReadAll(assembly).Single(method => method.Name == "Demo.Letters::Value").Instructions.ToList();
        var switchIndex = instructions.FindIndex(instruction => instruction.OpCode == OpCodes.Switch);

        Assert.True(switchIndex >= 0, "the fixture compiles to a switch instruction");
        Assert.Equal(instructions[switchIndex].Offset + 1 + 4 + 4 * 4, instructions[switchIndex + 1].Offset);
    }
}
