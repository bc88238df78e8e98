using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Mesh.Source
{
    /// <summary>Per bundled database: how far it is cut into bundles and which of its seqs the destination receipted.</summary>
    internal sealed class DatabaseSlot
    {
        /// <summary>Ranges kept of the delivered seqs; when more are needed the highest are forgotten (never freed: safe).</summary>
        public const int MaxDeliveredRanges = 32;

        public DatabaseSlot(string name)
        {
            Name = name;
            Delivered = new RangeSet(MaxDeliveredRanges);
        }

        public string Name { get; }

        /// <summary>The next bundle covers the seqs after this one.</summary>
        public long LastBundledSeq { get; set; }

        /// <summary>Seqs in receipted bundles: a document whose current seq lies here was delivered as it is now.</summary>
        public RangeSet Delivered { get; set; }

        /// <summary>
        /// 8 random bytes also written into the database as <c>_local/thalinano-mesh</c> before its first bundle: a
        /// database deleted and created again lacks it, however far its new seqs went. Null until placed.
        /// </summary>
        public byte[] Marker { get; set; }

        /// <summary>A document too large for any bundle stops the cutting of this database (RAM only, shown in the status).</summary>
        public string BlockedDocumentId { get; set; }
    }
}
