using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NanoLint.Metadata;
using ThaliNano.Tests.Shared;

namespace NanoLint.Tests;

public class ILDecoderTests
{
    [Fact]
    public void ASwitchSkipsItsCountAndEveryTarget()
    {
        var image = NanoCompiler.Compile("Switches", """
            namespace Demo
            {
                public static class Status
                {
                    public static int Weight(int code)
                    {
                        switch (code)
                        {
                            case 0: return 10;
                            case 1: return 11;
                            case 2: return 12;
                            case 3: return 13;
                            case 4: return 14;
                            case 5: return 15;
                            case 6: return 16;
                        }

                        return -1;
                    }
                }
            }
            """);

        using var pe = new PEReader(image);
        var reader = pe.GetMetadataReader();
        var method = reader.MethodDefinitions.Select(reader.GetMethodDefinition).Single(m => reader.GetString(m.Name) == "Weight");
        var body = pe.GetMethodBody(method.RelativeVirtualAddress);

        var instructions = ILDecoder.Decode(body);

        var switchIndex = instructions.ToList().FindIndex(instruction => instruction.OpCode == OpCodes.Switch);
        Assert.True(switchIndex >= 0, "the compiler emitted no switch instruction");
        var switchOffset = instructions[switchIndex].Offset;
        Assert.Equal(switchOffset + 1 + 4 + 4 * 7, instructions[switchIndex + 1].Offset);
        Assert.Equal(OpCodes.Ret, instructions[^1].OpCode);
        Assert.Equal(body.GetILBytes()!.Length - 1, instructions[^1].Offset);
    }
}
