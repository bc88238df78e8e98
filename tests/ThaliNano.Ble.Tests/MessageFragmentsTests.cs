using CsCheck;

namespace ThaliNano.Ble.Tests;

public class MessageFragmentsTests
{
    [Fact]
    public void FragmentsReassembleToTheMessageForAnyPayloadSize() =>
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[MessageFragments.MinPayload, 514])
            .Sample((message, maxPayload) =>
            {
                var assembler = new MessageAssembler(4096);
                int count = MessageFragments.Count(message.Length, maxPayload);
                for (int i = 0; i < count; i++)
                {
                    byte[] fragment = MessageFragments.Fragment(message, i, maxPayload, false);
                    Assert.InRange(fragment.Length, 1, maxPayload);
                    Assert.Equal(i == count - 1 ? FragmentStatus.Complete : FragmentStatus.Partial, assembler.Accept(fragment));
                }

                Assert.Equal(message, assembler.Message);
                Assert.False(assembler.IsError);
            });

    [Fact]
    public void TheDefaultMtuCarries17BytesInTheFirstFragmentAnd19After()
    {
        Assert.Equal(1, MessageFragments.Count(17, 20));
        Assert.Equal(2, MessageFragments.Count(18, 20));
        Assert.Equal(2, MessageFragments.Count(17 + 19, 20));
        Assert.Equal(3, MessageFragments.Count(17 + 20, 20));
    }

    [Fact]
    public void AnOversizedDeclarationIsRefusedBeforeAllocating()
    {
        var assembler = new MessageAssembler(100);

        Assert.Equal(FragmentStatus.TooLarge, assembler.Accept(MessageFragments.Fragment(new byte[101], 0, 50, false)));
        Assert.Equal(101, assembler.DeclaredLength);
        Assert.Null(assembler.Message);
        Assert.False(assembler.InProgress);
    }

    [Fact]
    public void ContinuationsWithoutAFirstFragmentAreIgnored() =>
        Assert.Equal(FragmentStatus.Ignored, new MessageAssembler(100).Accept([1, 2, 3]));

    [Fact]
    public void AnOutOfSequenceFragmentDropsThePartialMessage()
    {
        byte[] message = new byte[60];
        var assembler = new MessageAssembler(100);
        assembler.Accept(MessageFragments.Fragment(message, 0, 20, false));

        Assert.Equal(FragmentStatus.Ignored, assembler.Accept(MessageFragments.Fragment(message, 2, 20, false)));
        Assert.False(assembler.InProgress);
        Assert.Equal(FragmentStatus.Ignored, assembler.Accept(MessageFragments.Fragment(message, 1, 20, false)));
    }

    [Fact]
    public void AFragmentRunningPastTheDeclaredLengthIsIgnored()
    {
        var assembler = new MessageAssembler(100);
        assembler.Accept([MessageFragments.FirstFlag, 0, 5, 1, 2]);

        Assert.Equal(FragmentStatus.Ignored, assembler.Accept([1, 1, 2, 3, 4]));
    }

    [Fact]
    public void ANewFirstFragmentRestartsAssembly()
    {
        var assembler = new MessageAssembler(100);
        assembler.Accept(MessageFragments.Fragment(new byte[60], 0, 20, false));

        Assert.Equal(FragmentStatus.Complete, assembler.Accept(MessageFragments.Fragment([7, 8], 0, 20, false)));
        Assert.Equal(new byte[] { 7, 8 }, assembler.Message);
    }

    [Fact]
    public void ErrorRepliesAreFlagged()
    {
        var assembler = new MessageAssembler(100);
        assembler.Accept(MessageFragments.Fragment([1], 0, 20, true));

        Assert.True(assembler.IsError);
    }

    [Fact]
    public void RandomFragmentsNeverThrow() =>
        Gen.Byte.Array[0, 30].Array[1, 20].Sample(fragments =>
        {
            var assembler = new MessageAssembler(64);
            foreach (var fragment in fragments)
            {
                assembler.Accept(fragment);
            }
        });
}
