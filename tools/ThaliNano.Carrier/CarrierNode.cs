using ThaliNano.Carrier.Storage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Carrier;

/// <summary>
/// A carrier as the contact protocol drives it (<see cref="IContactNode"/>, role <see cref="NodeRole.Carrier"/>): holds
/// sealed bundles in a <see cref="CarrierStore"/>, hands copies on by a <see cref="Router"/> (binary spray and wait by
/// default), takes custody only once a bundle is committed, and carries receipts both ways.
/// </summary>
public sealed class CarrierNode : IContactNode
{
    public const int DefaultMaxInboundFrameBytes = 1024 * 1024;

    private readonly CarrierStore _store;
    private readonly Router _router;
    private readonly TimeProvider _time;

    public CarrierNode(CarrierStore store, PublicKeyId self, IRoutingPolicy? policy = null,
        int maxInboundFrameBytes = DefaultMaxInboundFrameBytes, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInboundFrameBytes, ContactLimits.MinFrameBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxInboundFrameBytes, ContactLimits.MaxFrameBytes);
        _store = store;
        _router = new Router(self, NodeRole.Carrier, policy ?? new SprayAndWaitPolicy());
        _time = time ?? TimeProvider.System;
        MaxInboundFrameBytes = maxInboundFrameBytes;
    }

    public PublicKeyId Id => _router.Self;

    public NodeRole Role => NodeRole.Carrier;

    public int MaxInboundFrameBytes { get; }

    public IRoutingPolicy Policy => _router.Policy;

    /// <summary>The carrier's clock in DTN seconds.</summary>
    public long Now => DtnTime.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Per source, the creation sequences held or claimed by a known receipt. With more than
    /// <see cref="ContactLimits.MaxSummarySources"/> sources, those with the most bundles held come first; a source or
    /// a sequence left out (a range set keeps at most 255 ranges) may be offered again and is then taken as already held, not stored twice.
    /// </summary>
    public ContactSummary Summarize()
    {
        var known = new Dictionary<PublicKeyId, RangeSet>();
        var heldCount = new Dictionary<PublicKeyId, int>();
        foreach (HeldBundle bundle in _store.Held())
        {
            Known(known, bundle.Source).Add(bundle.CreationSequence);
            heldCount[bundle.Source] = heldCount.GetValueOrDefault(bundle.Source) + 1;
        }

        foreach (KnownReceipt receipt in _store.Receipts())
        {
            Known(known, receipt.Claim.Source).UnionWith(receipt.Claim.Bundles);
        }

        var summary = new ContactSummary();
        foreach (PublicKeyId source in known.Keys.OrderByDescending(s => heldCount.GetValueOrDefault(s)).Take(ContactLimits.MaxSummarySources))
        {
            summary.Add(source, known[source]);
        }

        return summary;
    }

    /// <summary>
    /// A sensor gets its own receipts; the destination none (it issues them); another carrier those for the sources in
    /// its summary (any source when null). Newest first, at most <see cref="ContactLimits.MaxReceiptsPerFrame"/>.
    /// </summary>
    public byte[][] ReceiptsFor(Peer peer, ContactSummary? peerSummary)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.Role == NodeRole.Destination)
        {
            return [];
        }

        return _store.Receipts()
            .Where(r => peer.Role == NodeRole.Sensor ? r.Claim.Source == peer.Id : peerSummary == null || peerSummary.Of(r.Claim.Source) != null)
            .Take(ContactLimits.MaxReceiptsPerFrame)
            .Select(r => r.Wire)
            .ToArray();
    }

    /// <summary>
    /// Keeps a receipt to pass on and drops the held copies it claims. A carrier cannot check the tag (only the source
    /// and the destination share the key): see the README, "Receipts a carrier cannot verify".
    /// </summary>
    public ReceiptRejection TakeReceipt(byte[] receipt, Peer from)
    {
        ReceiptRejection rejection = Receipt.TryParse(receipt, out Receipt parsed);
        if (rejection == ReceiptRejection.None)
        {
            _store.TakeReceipt(receipt, parsed, Now);
        }

        return rejection;
    }

    /// <summary>
    /// Offers what the router gives <paramref name="peer"/> (a destination: every copy of the bundles addressed to it,
    /// nothing else), oldest received first, skipping what its summary holds, expired bundles and the peer's own. The copies offered are recorded (also when
    /// the link breaks mid-offer) so that the peer's acknowledgement, in this contact or a later one, counts them.
    /// </summary>
    public void Offer(Peer peer, ContactSummary? peerSummary, IBundleSink sink)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(sink);
        if (peer.Role == NodeRole.Sensor)
        {
            return;
        }

        long now = Now;
        var offered = new List<PendingOffer>();
        try
        {
            IEnumerable<HeldBundle> candidates = _store.Held()
                .Where(b => b.ExpiresAt >= now && b.Source != peer.Id && (peerSummary == null || !peerSummary.Contains(b.Source, b.CreationSequence)));
            foreach (HeldBundle held in candidates)
            {
                byte[]? wire = _store.ReadWire(held.Source, held.CreationSequence);
                if (wire == null || BundleHeader.TryParse(wire, _store.Limits.MaxBundleBytes, out BundleHeader header) != BundleRejection.None)
                {
                    continue;
                }

                Handover handover = _router.Offer(header, held.Copies, peer, now);
                if (!handover.Offers)
                {
                    continue;
                }

                byte[] copy = Router.PrepareCopy(wire, header, handover.Given, Math.Max(0, now - held.ReceivedAt));
                var offer = new PendingOffer(held.Source, held.CreationSequence, held.Copies - handover.Kept);
                offered.Add(offer);
                if (!sink.Add(copy))
                {
                    offered.Remove(offer);
                    break;
                }
            }
        }
        finally
        {
            _store.RecordOffers(peer.Id, offered);
        }
    }

    /// <summary>
    /// Parses the bytes again (the header passed in is not trusted), applies the router's rules and stores the bundle
    /// durably. Refusals: the parser's, <see cref="BundleRejection.Expired"/> or <see cref="BundleRejection.HopLimitExceeded"/>,
    /// <see cref="BundleRejection.Malformed"/> for a copy without spray copies or a header that is not the bytes',
    /// <see cref="BundleRejection.WrongDestination"/> when this carrier does not carry it (addressed to it, its own,
    /// declined by the policy, or claimed by a known receipt) and <see cref="BundleRejection.Oversize"/> when the buffer
    /// has no room for it (README, "Drop policy").
    /// </summary>
    public BundleRejection Take(byte[] bundle, BundleHeader? header, Peer from)
    {
        ArgumentNullException.ThrowIfNull(from);
        BundleRejection rejection = BundleHeader.TryParse(bundle, _store.Limits.MaxBundleBytes, out BundleHeader parsed);
        if (rejection != BundleRejection.None)
        {
            return rejection;
        }

        if (header != null && !header.Id.Equals(parsed.Id))
        {
            return BundleRejection.Malformed;
        }

        long now = Now;
        rejection = parsed.CheckLiveness(now);
        if (rejection != BundleRejection.None)
        {
            return rejection;
        }

        if (parsed.Copies < 1)
        {
            return BundleRejection.Malformed;
        }

        if (!_router.Accept(parsed, from, now))
        {
            return BundleRejection.WrongDestination;
        }

        return _store.Take(bundle, parsed, from.Id, now) switch
        {
            StoreOutcome.Stored or StoreOutcome.AlreadyHeld => BundleRejection.None,
            StoreOutcome.Receipted => BundleRejection.WrongDestination,
            _ => BundleRejection.Oversize,
        };
    }

    /// <summary>Counts the copies handed to <paramref name="by"/> (see <see cref="CarrierStore.Acknowledge"/>).</summary>
    public void CustodyAcknowledged(Peer by, CustodyAck ack)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(ack);
        _store.Acknowledge(by.Id, ack.Source, ack.CreationSequence);
    }

    public CustodyAck[] PendingAcks(Peer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return _store.AcksOwed(peer.Id, ContactLimits.MaxAcksPerFrame).ToArray();
    }

    public void AcksDelivered(Peer peer, CustodyAck[]? acks)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _store.AcksDelivered(peer.Id, acks ?? []);
    }

    private static RangeSet Known(Dictionary<PublicKeyId, RangeSet> known, PublicKeyId source)
    {
        if (!known.TryGetValue(source, out RangeSet? set))
        {
            set = new RangeSet(RangeSet.MaxRangesLimit);
            known[source] = set;
        }

        return set;
    }
}
