namespace ThaliNano.Mesh.Source
{
    /// <summary>
    /// What the source keeps of a bundle it cut and the destination has not receipted: its id and database seq range,
    /// not its sealed bytes (an offer rebuilds them from the database). About 20 bytes in the state record.
    /// </summary>
    internal sealed class PendingBundle
    {
        public PendingBundle(long creationSequence, int slot, long fromSeq, long toSeq, long creationTime)
        {
            CreationSequence = creationSequence;
            Slot = slot;
            FromSeq = fromSeq;
            ToSeq = toSeq;
            CreationTime = creationTime;
        }

        /// <summary>Changes when the bundle is re-issued after its lifetime passed.</summary>
        public long CreationSequence { get; set; }

        /// <summary>Index of the database in the state's table.</summary>
        public int Slot { get; }

        public long FromSeq { get; }

        public long ToSeq { get; }

        /// <summary>DTN seconds, or Unknown when cut without a clock.</summary>
        public long CreationTime { get; set; }
    }
}
