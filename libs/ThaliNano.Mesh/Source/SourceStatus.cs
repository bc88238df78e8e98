namespace ThaliNano.Mesh.Source
{
    /// <summary>A snapshot of a <see cref="SourceNode"/>'s numbers for the hub's status page (read-only).</summary>
    public sealed class SourceStatus
    {
        internal SourceStatus()
        {
        }

        /// <summary>Bundles cut and not yet receipted.</summary>
        public int PendingBundles { get; internal set; }

        /// <summary>Spray copies of the pending bundles still to hand out.</summary>
        public int CopiesLeft { get; internal set; }

        /// <summary>Copies of the pending bundles carriers acknowledged custody of.</summary>
        public int CopiesOut { get; internal set; }

        /// <summary>The last creation sequence used.</summary>
        public long LastCreationSequence { get; internal set; }

        /// <summary>The creation sequences the destination receipted, as "[1-c] [a-b] ..." (the highest ranges may be left out).</summary>
        public string ReceiptedBundles { get; internal set; }

        /// <summary>How many creation sequences the destination receipted.</summary>
        public long ReceiptedBundleCount { get; internal set; }

        public long DocumentsPurged { get; internal set; }

        /// <summary>Flash reclaimed by compactions after purges.</summary>
        public long BytesFreed { get; internal set; }

        /// <summary>Offers made to peers since the state was created.</summary>
        public long Contacts { get; internal set; }

        /// <summary>DTN seconds of the last contact, or 0 when unknown.</summary>
        public long LastContact { get; internal set; }

        /// <summary>A document too large for any bundle, which stops its database from being cut; null when none.</summary>
        public string BlockedDocumentId { get; internal set; }

        /// <summary>The last failure (saving the state, reading a database, freeing); null when none.</summary>
        public string LastError { get; internal set; }
    }
}
