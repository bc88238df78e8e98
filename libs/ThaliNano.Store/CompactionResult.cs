namespace ThaliNano.Store
{
    /// <summary>What a compaction (or salvage) did.</summary>
    public sealed class CompactionResult
    {
        public long SizeBefore { get; internal set; }

        public long SizeAfter { get; internal set; }

        /// <summary>Bytes compaction wrote (new log and new index files).</summary>
        public long BytesWritten { get; internal set; }

        /// <summary>Bytes of the records copied into the new log.</summary>
        public long LiveBytes { get; internal set; }

        public long RecordsCopied { get; internal set; }

        public long TombstonesDropped { get; internal set; }

        /// <summary>Salvage only: bytes of the old log that failed their checks and were left behind.</summary>
        public long BytesLost { get; internal set; }

        /// <summary>True when this was a salvage of a corrupted database (every sound record kept).</summary>
        public bool Salvaged { get; internal set; }
    }
}
