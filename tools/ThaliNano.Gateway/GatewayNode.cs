using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Keys;
using ThaliNano.Gateway.Ledger;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Gateway;

/// <summary>
/// The mesh's destination as a contact node: it takes bundles addressed to it, opens them with the source's key,
/// writes their revisions into the target database, records the bundle in the ledger and issues receipts for what
/// the ledger holds. It offers no bundles and owes no custody acknowledgements: its summary and its receipts tell
/// carriers what arrived. Thread-safe (contacts may run at once).
/// </summary>
public sealed class GatewayNode : IContactNode
{
    /// <summary>Frames of up to 4 MB: a carrier's whole load of 64 KB bundles in a few contacts, bounded in RAM per contact.</summary>
    public const int DefaultMaxInboundFrameBytes = 4 * 1024 * 1024;

    private readonly GatewayKeyring _keyring;
    private readonly CouchWriter _couch;
    private readonly DeliveryLedger _ledger;
    private readonly TimeProvider _clock;
    private readonly BundleOpener _opener;

    public GatewayNode(GatewayKeyring keyring, CouchWriter couch, DeliveryLedger ledger, TimeProvider? clock = null,
        int maxInboundFrameBytes = DefaultMaxInboundFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(couch);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInboundFrameBytes, ContactLimits.MinFrameBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxInboundFrameBytes, ContactLimits.MaxFrameBytes);
        _keyring = keyring;
        _couch = couch;
        _ledger = ledger;
        _clock = clock ?? TimeProvider.System;
        _opener = new BundleOpener(keyring, keyring.Self, ContactLimits.MaxRecordBytes);
        MaxInboundFrameBytes = maxInboundFrameBytes;
    }

    public PublicKeyId Id => _keyring.Self;

    public NodeRole Role => NodeRole.Destination;

    public int MaxInboundFrameBytes { get; }

    /// <summary>Per source, every bundle delivered (the most recently heard sources first), so carriers do not send them again.</summary>
    public ContactSummary Summarize()
    {
        var summary = new ContactSummary();
        foreach (PublicKeyId source in _ledger.Sources.Take(ContactLimits.MaxSummarySources))
        {
            summary.Add(source, _ledger.Delivered(source, RangeSet.MaxRangesLimit)!);
        }

        return summary;
    }

    /// <summary>
    /// Fresh receipts for the sources the peer names in its summary (any, when it sent none) and for the peer itself
    /// when it is a sensor: each covers what the ledger holds of that source, in at most the default number of ranges.
    /// </summary>
    public byte[][] ReceiptsFor(Peer? peer, ContactSummary? peerSummary)
    {
        IEnumerable<PublicKeyId> wanted = peerSummary is null
            ? _ledger.Sources
            : Enumerable.Range(0, peerSummary.Count).Select(peerSummary.GetSource);
        if (peer is { Role: NodeRole.Sensor })
        {
            wanted = wanted.Prepend(peer.Id);
        }

        long now = DtnTime.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var receipts = new List<byte[]>();
        foreach (PublicKeyId source in wanted.Distinct())
        {
            SealKey? key = _keyring.Find(source);
            RangeSet? delivered = key is null ? null : _ledger.Delivered(source, RangeSet.DefaultMaxRanges);
            if (delivered is null)
            {
                continue;
            }

            receipts.Add(Receipt.Issue(key!, delivered, now));
            if (receipts.Count == ContactLimits.MaxReceiptsPerFrame)
            {
                break;
            }
        }

        return receipts.ToArray();
    }

    /// <summary>The destination needs no receipts; the bytes are only parsed, to report what they are.</summary>
    public ReceiptRejection TakeReceipt(byte[] receipt, Peer from) => Receipt.TryParse(receipt, out _);

    /// <summary>The destination hands nothing on.</summary>
    public void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink)
    {
    }

    /// <summary>
    /// Opens the bundle (any refusal of <see cref="BundleOpener"/> changes nothing), writes its revisions into the
    /// target database, then records it in the ledger with the source's settled floor. A bundle already in the ledger is not written again. Throws
    /// <see cref="CouchWriteException"/> when the database does not take every revision: nothing is recorded, so
    /// nothing is receipted, and the carrier keeps its copy.
    /// </summary>
    public BundleRejection Take(byte[] bundle, BundleHeader header, Peer from)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        BundleRejection rejection = _opener.Open(bundle, DtnTime.FromDateTime(now.UtcDateTime), out OpenedBundle opened);
        if (rejection != BundleRejection.None)
        {
            return rejection;
        }

        PublicKeyId source = opened.Header.Source;
        long sequence = opened.Header.CreationSequence;
        if (_ledger.Contains(source, sequence))
        {
            _ledger.Settle(source, opened.Payload.SettledBelow);
            return BundleRejection.None;
        }

        var documents = new byte[opened.Payload.Revisions.Length][];
        for (int i = 0; i < documents.Length; i++)
        {
            byte[]? document = BulkDocsJson.Document(opened.Payload.Revisions[i]);
            if (document is null)
            {
                // Authentic but undecodable: a faulty source, refused whole as the opener refuses a bad payload.
                return BundleRejection.Malformed;
            }

            documents[i] = document;
        }

        string database = _keyring.TargetDatabase(source, opened.Payload.DatabaseName);
        _couch.Write(database, documents);
        _ledger.Record(source, sequence, database, documents.Length, now);
        _ledger.Settle(source, opened.Payload.SettledBelow);
        return BundleRejection.None;
    }

    /// <summary>Never called: the destination offers nothing.</summary>
    public void CustodyAcknowledged(Peer by, CustodyAck ack)
    {
    }

    /// <summary>None: a delivery whose acknowledgement was lost shows in the next summary and receipts instead.</summary>
    public CustodyAck[] PendingAcks(Peer peer) => [];

    public void AcksDelivered(Peer peer, CustodyAck[] acks)
    {
    }
}
