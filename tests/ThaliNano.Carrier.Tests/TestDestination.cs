using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Carrier.Tests;

/// <summary>
/// A minimal destination in memory: opens what it is handed (tag checked) and answers with fresh receipts, as the
/// gateway does; enough to see carriers deliver and carry receipts back.
/// </summary>
public sealed class TestDestination(SensorFixture sensor, ManualTime time) : IContactNode
{
    private readonly BundleOpener _opener = sensor.Opener();

    public RangeSet Received { get; } = new();

    public int Deliveries { get; private set; }

    public PublicKeyId Id => SensorFixture.Destination;

    public NodeRole Role => NodeRole.Destination;

    public int MaxInboundFrameBytes => ContactLimits.MinFrameBytes * 8;

    public ContactSummary Summarize()
    {
        var summary = new ContactSummary();
        summary.Add(sensor.Source, Received);
        return summary;
    }

    public byte[][] ReceiptsFor(Peer peer, ContactSummary peerSummary) =>
        Received.IsEmpty ? [] : [Receipt.Issue(sensor.Key, Received, time.Dtn)];

    public ReceiptRejection TakeReceipt(byte[] receipt, Peer from) => ReceiptRejection.None;

    public void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink)
    {
    }

    public BundleRejection Take(byte[] bundle, BundleHeader header, Peer from)
    {
        BundleRejection rejection = _opener.Open(bundle, time.Dtn, out OpenedBundle opened);
        if (rejection == BundleRejection.None)
        {
            Deliveries++;
            Received.Add(opened.Header.CreationSequence);
        }

        return rejection;
    }

    public void CustodyAcknowledged(Peer by, CustodyAck ack)
    {
    }

    public CustodyAck[] PendingAcks(Peer peer) => [];

    public void AcksDelivered(Peer peer, CustodyAck[] acks)
    {
    }
}
