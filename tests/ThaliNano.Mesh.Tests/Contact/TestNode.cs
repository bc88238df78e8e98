using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Mesh.Tests.Contact;

/// <summary>
/// An in-memory mesh node for protocol tests: a sensor holding its own sealed bundles, a carrier, or the destination
/// (which opens what it takes and receipts it). Counts every call so tests can check the protocol's effects.
/// </summary>
public sealed class TestNode(PublicKeyId id, NodeRole role, int maxInboundFrameBytes = 64 * 1024) : IContactNode
{
    private readonly Router _router = new(id, role, new SprayAndWaitPolicy(4));
    private readonly Dictionary<string, List<CustodyAck>> _owed = new();

    public PublicKeyId Id => id;

    public NodeRole Role => role;

    public int MaxInboundFrameBytes => maxInboundFrameBytes;

    /// <summary>Bundles held by (source, creation sequence): the wire bytes and the copies held.</summary>
    public Dictionary<(PublicKeyId Source, long Sequence), (byte[] Wire, int Copies)> Held { get; } = new();

    public List<byte[]> Receipts { get; } = new();

    public List<CustodyAck> AcksReceived { get; } = new();

    public int TakeCalls { get; private set; }

    /// <summary>Destination only: the keys to open and receipt with, and the creation sequences received per source.</summary>
    public SealKeyring? Keyring { get; init; }

    public Dictionary<PublicKeyId, RangeSet> Received { get; } = new();

    public Dictionary<PublicKeyId, SealKey> ReceiptKeys { get; } = new();

    /// <summary>Sensor only: its ledger, which frees on authentic receipts.</summary>
    public ReceiptLedger? Ledger { get; init; }

    public void Hold(byte[] wire, int copies)
    {
        Assert.Equal(BundleRejection.None, BundleHeader.TryParse(wire, 65536, out BundleHeader header));
        Held[(header.Source, header.CreationSequence)] = (wire, copies);
        Ledger?.RecordBundle(header);
    }

    public ContactSummary Summarize()
    {
        var summary = new ContactSummary();
        if (role == NodeRole.Sensor)
        {
            return summary;
        }

        foreach (var ((source, sequence), _) in Held)
        {
            var one = new RangeSet();
            one.Add(sequence);
            summary.Add(source, one);
        }

        foreach (var (source, received) in Received)
        {
            summary.Add(source, received);
        }

        return summary;
    }

    public byte[][] ReceiptsFor(Peer? peer, ContactSummary? peerSummary)
    {
        if (role != NodeRole.Destination)
        {
            return role == NodeRole.Carrier ? Receipts.ToArray() : [];
        }

        return Received.Where(r => peerSummary is null || peerSummary.Of(r.Key) is not null || peer?.Id == r.Key)
            .Select(r => Receipt.Issue(ReceiptKeys[r.Key], r.Value, MeshFixture.Now)).ToArray();
    }

    public ReceiptRejection TakeReceipt(byte[] receipt, Peer from)
    {
        if (Ledger is not null)
        {
            ReceiptRejection rejection = Ledger.Apply(receipt);
            if (rejection == ReceiptRejection.None)
            {
                foreach (var key in Held.Keys.Where(k => Ledger.IsReceipted(k.Sequence)).ToList())
                {
                    Held.Remove(key);
                }
            }

            return rejection;
        }

        ReceiptRejection parsed = Receipt.TryParse(receipt, out Receipt _);
        if (parsed == ReceiptRejection.None && role == NodeRole.Carrier)
        {
            Receipts.Add(receipt);
        }

        return parsed;
    }

    public void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink)
    {
        foreach (var ((source, sequence), (wire, copies)) in Held.OrderBy(h => h.Key.Sequence))
        {
            if (peerSummary.Contains(source, sequence))
            {
                continue;
            }

            BundleHeader.TryParse(wire, 65536, out BundleHeader header);
            Handover handover = _router.Offer(header, copies, peer, MeshFixture.Now);
            if (handover.Offers && !sink.Add(Router.PrepareCopy(wire, header, handover.Given, 0)))
            {
                return;
            }
        }
    }

    public BundleRejection Take(byte[] bundle, BundleHeader header, Peer from)
    {
        TakeCalls++;
        if (!_router.Accept(header, from, MeshFixture.Now))
        {
            return BundleRejection.WrongDestination;
        }

        if (role == NodeRole.Destination)
        {
            BundleRejection opened = new BundleOpener(Keyring!, id).Open(bundle, MeshFixture.Now, out OpenedBundle _);
            if (opened != BundleRejection.None)
            {
                return opened;
            }

            if (!Received.TryGetValue(header.Source, out RangeSet? received))
            {
                Received[header.Source] = received = new RangeSet(RangeSet.MaxRangesLimit);
            }

            received.Add(header.CreationSequence);
        }
        else if (!Held.ContainsKey((header.Source, header.CreationSequence)))
        {
            Held[(header.Source, header.CreationSequence)] = (bundle, header.Copies);
        }

        Owed(from).Add(new CustodyAck(header.Source, header.CreationSequence, header.Copies));
        return BundleRejection.None;
    }

    public void CustodyAcknowledged(Peer by, CustodyAck ack)
    {
        AcksReceived.Add(ack);
        if (Held.TryGetValue((ack.Source, ack.CreationSequence), out var held))
        {
            Held[(ack.Source, ack.CreationSequence)] = (held.Wire, Math.Max(0, held.Copies - ack.Copies));
        }
    }

    public CustodyAck[] PendingAcks(Peer peer) => Owed(peer).ToArray();

    public void AcksDelivered(Peer peer, CustodyAck[] acks) => Owed(peer).RemoveAll(a => acks.Contains(a));

    private List<CustodyAck> Owed(Peer peer)
    {
        string key = peer.Id.ToString();
        if (!_owed.TryGetValue(key, out List<CustodyAck>? owed))
        {
            _owed[key] = owed = new List<CustodyAck>();
        }

        return owed;
    }
}
