namespace ThaliNano.Store
{
    /// <summary>What GET /db reports, plus the store's own health.</summary>
    public sealed class DatabaseInfo
    {
        public string Name { get; internal set; }

        /// <summary>Documents whose winning revision is not deleted.</summary>
        public long DocCount { get; internal set; }

        /// <summary>Documents whose winning revision is deleted (tombstones kept).</summary>
        public long DeletedDocCount { get; internal set; }

        public long LocalDocCount { get; internal set; }

        public long UpdateSeq { get; internal set; }

        /// <summary>Bytes the database's files take (log exactly, index from its counters).</summary>
        public long SizeOnFlash { get; internal set; }

        /// <summary>Bytes of the live records (the latest record of every document and live local document).</summary>
        public long LiveBytesEstimate { get; internal set; }

        /// <summary>True when corruption was found: reads work where they can, writes are refused until compaction.</summary>
        public bool IsReadOnly { get; internal set; }

        /// <summary>What was found, when <see cref="IsReadOnly"/>.</summary>
        public string Corruption { get; internal set; }
    }
}
