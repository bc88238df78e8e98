using CsCheck;

namespace ThaliNano.Ble.Tests;

/// <summary>A reply written in pieces leaves in fragments as they fill, and the assembler puts it back together.</summary>
public class StreamedMessageWriterTests
{
    private static readonly GattCharacteristic s_response = new(Guid.NewGuid(), GattCharacteristicProperties.Notify);

    [Fact]
    public void AMessageWrittenInAnyPiecesReassemblesWithOneFragmentHeldAtATime() =>
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[23, 247], Gen.Int[1, 400])
            .Sample((message, mtu, piece) =>
            {
                var server = new RecordingServer();
                var writer = new StreamedMessageWriter(server, new BleConnection(1, "phone", mtu), s_response, false);
                int maxPayload = mtu - 3;
                for (int at = 0; at < message.Length; at += piece)
                {
                    writer.Write(message, at, Math.Min(piece, message.Length - at));

                    // Only what does not fill a fragment waits in the writer.
                    int leftBytes = server.Fragments.Sum(f => f.Length);
                    Assert.True(Math.Min(at + piece, message.Length) - leftBytes < maxPayload, "more than a fragment waited");
                }

                writer.Finish();
                var assembler = new MessageAssembler(MessageFragments.MaxMessageSize);
                var statuses = server.Fragments.Select(assembler.Accept).ToList();
                Assert.All(server.Fragments, f => Assert.InRange(f.Length, 1, maxPayload));
                Assert.Equal(FragmentStatus.Complete, statuses[^1]);
                Assert.All(statuses.SkipLast(1), s => Assert.Equal(FragmentStatus.Partial, s));
                Assert.Equal(message, assembler.Message);
                Assert.Equal(message.Length, writer.Length);
            });

    [Fact]
    public void AMessageThatFitsItsFirstFragmentDeclaresItsLength()
    {
        var server = new RecordingServer();
        var writer = new StreamedMessageWriter(server, new BleConnection(1, "phone", 23), s_response, false);
        writer.Write(new byte[17], 0, 17);
        Assert.False(writer.Started);
        writer.Finish();

        byte[] only = Assert.Single(server.Fragments);
        Assert.Equal(new byte[] { MessageFragments.FirstFlag, 0, 17 }, only[..3]);
    }

    [Fact]
    public void ALongerOneIsStreamedAndItsLastFragmentIsFlagged()
    {
        var server = new RecordingServer();
        var writer = new StreamedMessageWriter(server, new BleConnection(1, "phone", 23), s_response, false);
        writer.Write(new byte[17 + 19 + 1], 0, 17 + 19 + 1);
        Assert.True(writer.Started);
        writer.Finish();

        Assert.Equal([20, 20, 2], server.Fragments.Select(f => f.Length));
        Assert.Equal(new byte[] { MessageFragments.FirstFlag, 0xFF, 0xFF }, server.Fragments[0][..3]);
        Assert.Equal(1, server.Fragments[1][0]);
        Assert.Equal(MessageFragments.LastFlag | 2, server.Fragments[2][0]);
    }

    [Fact]
    public void AnEmptyLastFragmentEndsAStreamedMessage()
    {
        var assembler = new MessageAssembler(100);
        Assert.Equal(FragmentStatus.Partial, assembler.Accept([MessageFragments.FirstFlag, 0xFF, 0xFF, 7, 8]));
        Assert.Equal(FragmentStatus.Complete, assembler.Accept([MessageFragments.LastFlag | 1]));
        Assert.Equal(new byte[] { 7, 8 }, assembler.Message);
    }

    [Fact]
    public void AStreamedMessageGrowingPastTheLimitIsRefusedAndItsBytesDropped()
    {
        var server = new RecordingServer();
        var writer = new StreamedMessageWriter(server, new BleConnection(1, "phone", 23), s_response, false);
        writer.Write(new byte[200], 0, 200);
        writer.Finish();
        var assembler = new MessageAssembler(100);

        var statuses = server.Fragments.Select(assembler.Accept).ToList();

        Assert.Contains(FragmentStatus.TooLarge, statuses);
        Assert.True(assembler.DeclaredLength > 100);
        Assert.DoesNotContain(FragmentStatus.Complete, statuses);
        Assert.Null(assembler.Message);
    }

    [Fact]
    public void TheLastFlagEndsOnlyAStreamedMessage()
    {
        var assembler = new MessageAssembler(100);
        Assert.Equal(FragmentStatus.Partial, assembler.Accept(MessageFragments.Fragment(new byte[30], 0, 20, false)));
        Assert.Equal(FragmentStatus.Ignored, assembler.Accept([MessageFragments.LastFlag | 1, 1, 2]));
    }

    [Fact]
    public void ARadioThatStopsListeningOrFailsDropsTheRest()
    {
        var server = new RecordingServer { Listening = false };
        var writer = new StreamedMessageWriter(server, new BleConnection(1, "phone", 23), s_response, false);
        writer.Write(new byte[100], 0, 100);
        writer.Finish();
        Assert.Single(server.Attempts);

        var failing = new RecordingServer { Fails = true };
        writer = new StreamedMessageWriter(failing, new BleConnection(1, "phone", 23), s_response, false);
        writer.Write(new byte[100], 0, 100);
        writer.Finish();
        Assert.Single(failing.Attempts);
    }

    private sealed class RecordingServer : IGattServer
    {
        public List<byte[]> Fragments { get; } = [];

        public List<byte[]> Attempts { get; } = [];

        public bool Listening { get; set; } = true;

        public bool Fails { get; set; }

        public GattService[] Services => [];

        public event BleConnectionHandler? Connected
        {
            add { }
            remove { }
        }

        public event BleConnectionHandler? Disconnected
        {
            add { }
            remove { }
        }

        public void AddService(GattService service) => throw new NotSupportedException();

        public bool Notify(BleConnection connection, GattCharacteristic characteristic, byte[] value)
        {
            Attempts.Add(value);
            if (Fails)
            {
                throw new BleException("the connection closed");
            }

            if (Listening)
            {
                Fragments.Add(value);
            }

            return Listening;
        }
    }
}
