using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Firmware.Tests.Mesh;

/// <summary>A phone as the contact protocol sees it: keeps every bundle it is offered, acknowledges it, passes receipts on.</summary>
internal sealed class TestCarrier(PublicKeyId id) : IContactNode
{
    private readonly List<CustodyAck> _owed = new();

    public PublicKeyId Id => id;

    public NodeRole Role => NodeRole.Carrier;

    public int MaxInboundFrameBytes => 64 * 1024;

    public Dictionary<long, byte[]> Held { get; } = new();

    public List<byte[]> Receipts { get; } = new();

    public ContactSummary Summarize()
    {
        var summary = new ContactSummary();
        foreach (long sequence in Held.Keys)
        {
            var one = new RangeSet();
            one.Add(sequence);
            summary.Add(MeshHub.HubKey, one);
        }

        return summary;
    }

    public byte[][] ReceiptsFor(Peer peer, ContactSummary peerSummary) => Receipts.ToArray();

    public ReceiptRejection TakeReceipt(byte[] receipt, Peer from) => ReceiptRejection.None;

    public void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink)
    {
    }

    public BundleRejection Take(byte[] bundle, BundleHeader header, Peer from)
    {
        Held[header.CreationSequence] = bundle;
        _owed.Add(new CustodyAck(header.Source, header.CreationSequence, header.Copies));
        return BundleRejection.None;
    }

    public void CustodyAcknowledged(Peer by, CustodyAck ack)
    {
    }

    public CustodyAck[] PendingAcks(Peer peer) => _owed.ToArray();

    public void AcksDelivered(Peer peer, CustodyAck[] acks) => _owed.RemoveAll(acks.Contains);
}
