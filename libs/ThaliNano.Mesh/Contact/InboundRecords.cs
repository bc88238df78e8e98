using System.Collections;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// Applies the records of one inbound frame to the node: summaries are collected, receipts handed over, bundles
    /// taken into custody as they arrive (each taken one becomes an ack to send), and acks handed over only once the
    /// frame is whole (<see cref="Complete"/>): an ack is not idempotent, and the sender of a cut frame sends it again.
    /// Checks which records the frame may hold and how many.
    /// </summary>
    internal sealed class InboundRecords
    {
        private readonly IContactNode _node;
        private readonly ContactReport _report;
        private readonly Peer _peer;
        private readonly int _allowed;
        private readonly Hashtable _acknowledgeable;
        private readonly ArrayList _taken = new ArrayList();
        private readonly ArrayList _acks = new ArrayList();
        private int _receipts;

        /// <param name="allowed">The record types allowed, as a mask of 1 &lt;&lt; type.</param>
        /// <param name="acknowledgeable">Acks count only for these bundle keys (<see cref="KeyOf"/>); null: for any.</param>
        public InboundRecords(IContactNode node, ContactReport report, Peer peer, int allowed, Hashtable acknowledgeable)
        {
            _node = node;
            _report = report;
            _peer = peer;
            _allowed = allowed;
            _acknowledgeable = acknowledgeable;
            Summary = new ContactSummary();
        }

        public static int Allow(int type)
        {
            return 1 << type;
        }

        /// <summary>What the peer summarized it holds.</summary>
        public ContactSummary Summary { get; }

        /// <summary>Acks for the bundles taken, in order.</summary>
        public CustodyAck[] Taken
        {
            get { return (CustodyAck[])_taken.ToArray(typeof(CustodyAck)); }
        }

        public static string KeyOf(Identity.PublicKeyId source, long creationSequence)
        {
            return source.ToString() + "/" + creationSequence.ToString();
        }

        /// <summary>Applies one record; false (with the report refused) when the record breaks the protocol.</summary>
        public bool Apply(int type, byte[] body)
        {
            if (type < 0 || type > 30 || (_allowed & Allow(type)) == 0)
            {
                return Refuse(ContactRefusal.Malformed, "a record of type " + type.ToString() + " is not allowed here");
            }

            switch (type)
            {
                case ContactRecordType.Summary:
                    return ApplySummary(body);
                case ContactRecordType.Receipt:
                    return ApplyReceipt(body);
                case ContactRecordType.Ack:
                    return ApplyAck(body);
                case ContactRecordType.Bundle:
                    ApplyBundle(body);
                    return true;
                default:
                    string reason;
                    ContactRefusal refusal = ContactRecords.DecodeRefusal(body, out reason);
                    return Refuse(refusal, reason == null ? "the peer refused the contact" : "the peer refused: " + reason);
            }
        }

        private bool ApplySummary(byte[] body)
        {
            Identity.PublicKeyId source;
            RangeSet bundles;
            if (!ContactRecords.DecodeSummary(body, out source, out bundles))
            {
                return Refuse(ContactRefusal.Malformed, "a summary record is malformed");
            }

            if (Summary.Of(source) == null && Summary.Count >= ContactLimits.MaxSummarySources)
            {
                return Refuse(ContactRefusal.TooLarge, "a summary names at most " + ContactLimits.MaxSummarySources.ToString() + " sources");
            }

            Summary.Add(source, bundles);
            return true;
        }

        private bool ApplyReceipt(byte[] body)
        {
            if (++_receipts > ContactLimits.MaxReceiptsPerFrame)
            {
                return Refuse(ContactRefusal.TooLarge, "a frame holds at most " + ContactLimits.MaxReceiptsPerFrame.ToString() + " receipts");
            }

            _report.ReceiptsReceived++;
            _node.TakeReceipt(body, _peer);
            return true;
        }

        private bool ApplyAck(byte[] body)
        {
            CustodyAck ack = ContactRecords.DecodeAck(body);
            if (ack == null)
            {
                return Refuse(ContactRefusal.Malformed, "an ack record is malformed");
            }

            if (_acks.Count >= ContactLimits.MaxAcksPerFrame)
            {
                return Refuse(ContactRefusal.TooLarge, "a frame holds at most " + ContactLimits.MaxAcksPerFrame.ToString() + " acks");
            }

            _acks.Add(ack);
            return true;
        }

        /// <summary>The frame ended whole: hands the acks it held to the node (only those for bundles sent, when known).</summary>
        public void Complete()
        {
            for (int i = 0; i < _acks.Count; i++)
            {
                CustodyAck ack = (CustodyAck)_acks[i];
                _report.AcksReceived++;
                if (_acknowledgeable == null || _acknowledgeable.Contains(KeyOf(ack.Source, ack.CreationSequence)))
                {
                    _node.CustodyAcknowledged(_peer, ack);
                }
            }
        }

        private void ApplyBundle(byte[] body)
        {
            _report.BundlesReceived++;
            _report.BundleBytesReceived += body.Length;
            BundleHeader header;
            if (BundleHeader.TryParse(body, ContactLimits.MaxRecordBytes, out header) != BundleRejection.None
                || _node.Take(body, header, _peer) != BundleRejection.None)
            {
                _report.BundlesRefused++;
                return;
            }

            _taken.Add(new CustodyAck(header.Source, header.CreationSequence, header.Copies));
        }

        private bool Refuse(ContactRefusal refusal, string reason)
        {
            _report.Refuse(refusal, reason);
            return false;
        }
    }
}
