using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// A mesh node as the contact protocol sees it: a sensor (source-only), a carrier or the destination. The protocol
    /// (<see cref="ContactInitiator"/>, <see cref="ContactResponder"/>) moves frames; the node decides what to offer and
    /// what to take, and stores custody durably before it says so.
    /// </summary>
    public interface IContactNode
    {
        PublicKeyId Id { get; }

        NodeRole Role { get; }

        /// <summary>The largest frame this node reads from a peer; peers size what they send to it.</summary>
        int MaxInboundFrameBytes { get; }

        /// <summary>
        /// Per source, the creation sequences this node holds or knows receipted: a peer does not offer those. At most
        /// <see cref="ContactLimits.MaxSummarySources"/> entries. Sensors, which take nothing, return an empty summary.
        /// </summary>
        ContactSummary Summarize();

        /// <summary>
        /// Receipts this node can pass to <paramref name="peer"/> (null: not yet known): for a sensor its own, for
        /// anyone the ones for the sources in <paramref name="peerSummary"/> (null: any), at most
        /// <see cref="ContactLimits.MaxReceiptsPerFrame"/>. The destination issues fresh ones for what it has received.
        /// </summary>
        byte[][] ReceiptsFor(Peer peer, ContactSummary peerSummary);

        /// <summary>
        /// A receipt a peer carried. A source verifies it and frees what it covers; a carrier keeps it to pass on and
        /// may drop copies it covers; the destination ignores it. Never throws on bad bytes.
        /// </summary>
        ReceiptRejection TakeReceipt(byte[] receipt, Peer from);

        /// <summary>
        /// Offers <paramref name="peer"/> the bundles it lacks (not in <paramref name="peerSummary"/>) that the routing
        /// rules give it, each as the copy that leaves this node (<see cref="Router.PrepareCopy"/>), until the sink
        /// refuses one. Nothing is counted as handed over here: that waits for the peer's custody acknowledgement.
        /// </summary>
        void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink);

        /// <summary>
        /// Takes custody of a bundle <paramref name="from"/> handed over (its header already parsed): stores it durably
        /// (the destination: delivers it) before returning <see cref="BundleRejection.None"/>; any other value refuses it
        /// and changes nothing. Never throws on bad bytes; throws <see cref="System.IO.IOException"/> when its own storage
        /// or the destination database is unavailable: the contact ends there (a responder's endpoint answers 503), and
        /// what was taken before stays taken.
        /// </summary>
        BundleRejection Take(byte[] bundle, BundleHeader header, Peer from);

        /// <summary>The peer acknowledged custody of <paramref name="ack"/>'s copies: the holder counts them as handed.</summary>
        void CustodyAcknowledged(Peer by, CustodyAck ack);

        /// <summary>
        /// Custody acknowledgements owed to <paramref name="peer"/> from an earlier contact that broke before they
        /// reached it (resumption); empty when none. At most <see cref="ContactLimits.MaxAcksPerFrame"/>.
        /// </summary>
        CustodyAck[] PendingAcks(Peer peer);

        /// <summary><paramref name="peer"/> has received these acknowledgements (it answered the frame that held them).</summary>
        void AcksDelivered(Peer peer, CustodyAck[] acks);
    }
}
