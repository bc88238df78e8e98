using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>What one side of a contact did: for logs, the status page and the benchmark.</summary>
    public sealed class ContactReport
    {
        /// <summary>Round trips begun (a responder's report covers the one it answered).</summary>
        public int RoundTrips { get; internal set; }

        /// <summary>Both round trips ran to their end records (the responder: the request it answered was whole).</summary>
        public bool Completed { get; internal set; }

        public ContactRefusal Refusal { get; internal set; }

        /// <summary>Why, in words, when <see cref="Refusal"/> is set.</summary>
        public string Reason { get; internal set; }

        /// <summary>The node met (null when the contact failed before its hello).</summary>
        public Peer Peer { get; internal set; }

        public int BundlesSent { get; internal set; }

        public int BundlesReceived { get; internal set; }

        /// <summary>Bundles received that the node did not take (expired, duplicate, not for it, bad).</summary>
        public int BundlesRefused { get; internal set; }

        public int AcksSent { get; internal set; }

        public int AcksReceived { get; internal set; }

        public int ReceiptsSent { get; internal set; }

        public int ReceiptsReceived { get; internal set; }

        /// <summary>Frame bytes written, all round trips.</summary>
        public long WireBytesSent { get; internal set; }

        public long WireBytesReceived { get; internal set; }

        /// <summary>Sealed bundle bytes in the frames written.</summary>
        public long BundleBytesSent { get; internal set; }

        public long BundleBytesReceived { get; internal set; }

        internal void Refuse(ContactRefusal refusal, string reason)
        {
            if (Refusal == ContactRefusal.None)
            {
                Refusal = refusal;
                Reason = reason;
            }
        }
    }
}
