using CsCheck;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Tests.Contact;

/// <summary>Bad frames get a precise refusal, write nothing and change nothing; the responder never throws on them.</summary>
public sealed class ContactRefusalTests : IDisposable
{
    private static readonly PublicKeyId s_carrier = MeshFixture.Id(10);
    private readonly ContactScene _scene = new();

    public void Dispose() => _scene.Dispose();

    private static byte[] Frame(Action<ContactFrameWriter> records, bool end = true, int limit = ContactLimits.MaxFrameBytes)
    {
        var stream = new MemoryStream();
        var writer = new ContactFrameWriter(stream, limit);
        records(writer);
        if (end)
        {
            writer.WriteEnd();
        }

        return stream.ToArray();
    }

    private static byte[] Hello(int phase, PublicKeyId? id = null, int limit = 65536) =>
        new ContactHello(phase, id ?? s_carrier, NodeRole.Carrier, limit).Encode();

    private (ContactReport Report, byte[] Response) Respond(byte[] request, PublicKeyId? transportPeer = null)
    {
        var response = new MemoryStream();
        ContactReport report = new ContactResponder(_scene.Sensor).Respond(new MemoryStream(request), response, transportPeer ?? s_carrier);
        return (report, response.ToArray());
    }

    private void AssertRefused(byte[] request, ContactRefusal expected, PublicKeyId? transportPeer = null)
    {
        var copies = _scene.Sensor.Held.ToDictionary(h => h.Key, h => h.Value.Copies);
        var (report, response) = Respond(request, transportPeer);
        Assert.Equal(expected, report.Refusal);
        Assert.False(string.IsNullOrEmpty(report.Reason));
        Assert.False(report.Completed);
        Assert.Empty(response);
        Assert.Equal(copies, _scene.Sensor.Held.ToDictionary(h => h.Key, h => h.Value.Copies));
    }

    [Fact]
    public void A_well_formed_first_request_is_answered() =>
        Assert.True(Respond(Frame(w => w.TryWrite(ContactRecordType.Hello, Hello(1)))).Report.Completed);

    [Fact]
    public void Bad_starts_are_refused()
    {
        AssertRefused([], ContactRefusal.Cut);
        AssertRefused("XY\u0001"u8.ToArray(), ContactRefusal.Malformed);
        AssertRefused("TC\u0002"u8.ToArray(), ContactRefusal.BadVersion);
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Summary, new byte[33])), ContactRefusal.Malformed);
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Hello, new byte[5])), ContactRefusal.Malformed);
    }

    [Fact]
    public void A_hello_must_name_the_authenticated_node_and_a_request_phase()
    {
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Hello, Hello(1, MeshFixture.Id(99)))), ContactRefusal.WrongPeer);
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Hello, Hello(1, MeshFixture.Source))), ContactRefusal.WrongPeer, MeshFixture.Source);
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Hello, Hello(0))), ContactRefusal.WrongPhase);
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Hello, Hello(1, limit: 100))), ContactRefusal.Malformed);
    }

    [Fact]
    public void Records_out_of_place_or_over_their_limits_are_refused()
    {
        byte[] bundle = _scene.Sensor.Held.Values.First().Wire;
        AssertRefused(Frame(w => { w.TryWrite(ContactRecordType.Hello, Hello(1)); w.TryWrite(ContactRecordType.Bundle, bundle); }), ContactRefusal.Malformed);
        AssertRefused(Frame(w => { w.TryWrite(ContactRecordType.Hello, Hello(2)); w.TryWrite(ContactRecordType.Summary, new byte[40]); }), ContactRefusal.Malformed);
        AssertRefused(Frame(w => { w.TryWrite(ContactRecordType.Hello, Hello(1)); w.TryWrite(ContactRecordType.Ack, new byte[3]); }), ContactRefusal.Malformed);
        AssertRefused(Frame(w => { w.TryWrite(ContactRecordType.Hello, Hello(2)); w.TryWrite(ContactRecordType.Bundle, new byte[ContactLimits.MaxRecordBytes + 1]); }), ContactRefusal.TooLarge);
        AssertRefused(Frame(w =>
        {
            w.TryWrite(ContactRecordType.Hello, Hello(1));
            for (int i = 0; i <= ContactLimits.MaxReceiptsPerFrame; i++)
            {
                w.TryWrite(ContactRecordType.Receipt, new byte[10]);
            }
        }), ContactRefusal.TooLarge);
        AssertRefused(Frame(w => w.TryWrite(ContactRecordType.Hello, Hello(1)), end: false), ContactRefusal.Cut);
    }

    [Fact]
    public void A_frame_over_the_responders_limit_is_refused_before_it_is_read_whole()
    {
        var small = new TestNode(MeshFixture.Id(60), NodeRole.Carrier, ContactLimits.MinFrameBytes);
        byte[] request = Frame(w =>
        {
            w.TryWrite(ContactRecordType.Hello, Hello(2));
            w.TryWrite(ContactRecordType.Bundle, new byte[ContactLimits.MinFrameBytes]);
        });

        ContactReport report = new ContactResponder(small).Respond(new MemoryStream(request), new MemoryStream(), s_carrier);

        Assert.Equal(ContactRefusal.TooLarge, report.Refusal);
        Assert.Equal(0, small.TakeCalls);
    }

    [Fact]
    public void Acks_in_a_cut_frame_change_nothing()
    {
        var ack = new CustodyAck(MeshFixture.Source, 1, 2);
        AssertRefused(Frame(w => { w.TryWrite(ContactRecordType.Hello, Hello(1)); w.TryWrite(ContactRecordType.Ack, ContactRecords.EncodeAck(ack)); }, end: false), ContactRefusal.Cut);
    }

    [Fact]
    public void Garbage_never_throws_and_is_always_refused()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            byte[] request = bytes.Length > 3 && bytes[0] % 2 == 0 ? [.. "TC\u0001"u8.ToArray(), .. bytes] : bytes;
            var (report, response) = Respond(request);
            Assert.True(report.Completed || report.Refusal != ContactRefusal.None);
            Assert.True(report.Completed || response.Length == 0);
        });
    }

    [Fact]
    public void The_initiator_reports_the_peers_refusal()
    {
        var link = new RefusingLink(ContactResponder.RefusalFrame(ContactRefusal.NotAllowed, "carriers only"));

        ContactReport report = new ContactInitiator(_scene.CarrierA).Run(link, null);

        Assert.Equal(ContactRefusal.NotAllowed, report.Refusal);
        Assert.Contains("carriers only", report.Reason);
        Assert.Empty(_scene.CarrierA.Held);
    }

    private sealed class RefusingLink(byte[] reply) : IContactLink
    {
        public Stream Exchange(byte[] request) => new MemoryStream(reply);
    }
}
