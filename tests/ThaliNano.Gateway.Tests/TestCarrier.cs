using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Gateway.Tests;

/// <summary>A carrier reduced to what the gateway sees: bundles it holds and offers, the acks and receipts it gets back.</summary>
internal sealed class TestCarrier(PublicKeyId id) : IContactNode
{
    public List<byte[]> Held { get; } = [];

    public List<byte[]> Receipts { get; } = [];

    public List<CustodyAck> Acks { get; } = [];

    public PublicKeyId Id => id;

    public NodeRole Role => NodeRole.Carrier;

    public int MaxInboundFrameBytes => ContactLimits.MinFrameBytes * 8;

    public ContactSummary Summarize()
    {
        var summary = new ContactSummary();
        foreach (byte[] bundle in Held)
        {
            BundleHeader header = Header(bundle);
            var one = new RangeSet(1);
            one.Add(header.CreationSequence);
            summary.Add(header.Source, one);
        }

        return summary;
    }

    public byte[][] ReceiptsFor(Peer peer, ContactSummary peerSummary) => [];

    public ReceiptRejection TakeReceipt(byte[] receipt, Peer from)
    {
        Receipts.Add(receipt);
        return Receipt.TryParse(receipt, out _);
    }

    public void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink)
    {
        foreach (byte[] bundle in Held)
        {
            BundleHeader header = Header(bundle);
            if (!peerSummary.Contains(header.Source, header.CreationSequence) && !sink.Add(bundle))
            {
                return;
            }
        }
    }

    public BundleRejection Take(byte[] bundle, BundleHeader header, Peer from)
    {
        Held.Add(bundle);
        return BundleRejection.None;
    }

    public void CustodyAcknowledged(Peer by, CustodyAck ack) => Acks.Add(ack);

    public CustodyAck[] PendingAcks(Peer peer) => [];

    public void AcksDelivered(Peer peer, CustodyAck[] acks)
    {
    }

    private static BundleHeader Header(byte[] bundle)
    {
        Assert.Equal(BundleRejection.None, BundleHeader.TryParse(bundle, ContactLimits.MaxRecordBytes, out BundleHeader header));
        return header;
    }
}
