namespace ThaliNano.Store
{
    /// <summary>
    /// A changes feed read lazily, one row per <see cref="MoveNext"/>, record by record from the log (no list in RAM),
    /// so the HTTP layer can stream it. Rows are in seq order; each document appears once, at its latest seq, with
    /// every leaf revision. Survives concurrent writes (a document written meanwhile shows up in the next feed) and
    /// compaction (it resumes from its last seq in the new generation).
    /// </summary>
    public sealed class ChangesCursor
    {
        internal Database Db;
        internal long Position;
        internal long End;
        internal uint Generation;
        internal uint Since;
        internal int Limit;
        internal int Returned;

        /// <summary>The row <see cref="MoveNext"/> produced.</summary>
        public ChangeRow Current { get; internal set; }

        /// <summary>
        /// last_seq: the seq of the last row, or, once the feed is exhausted, the highest seq it went past (at least
        /// the since value). A follow-up feed with since = LastSeq continues exactly after this one.
        /// </summary>
        public long LastSeq { get; internal set; }

        public bool MoveNext()
        {
            return Db.NextChange(this);
        }
    }
}
