using System;

namespace ThaliNano.Store
{
    /// <summary>Per-database settings, stored in the database's meta slots.</summary>
    public sealed class DatabaseOptions
    {
        /// <summary>
        /// Default revs_limit. CouchDB keeps 1000; a device keeps 20: every stored revision costs about 18 bytes of
        /// flash in each record of the document and 23 bytes of RAM while the tree is decoded, and 20 generations
        /// still let a peer that missed up to 19 edits of one document fast-forward instead of seeing a conflict.
        /// </summary>
        public const int DefaultRevsLimit = 20;

        /// <summary>Tombstones are kept forever unless a retention is set.</summary>
        public const uint KeepForever = uint.MaxValue;

        public DatabaseOptions()
        {
            RevsLimit = DefaultRevsLimit;
            ConflictPolicy = ConflictPolicy.CouchDb;
            TimestampField = "timestamp";
            TombstoneRetentionSeconds = KeepForever;
            QuotaBytes = 0;
        }

        /// <summary>Revisions kept per branch, counted from the leaf (1..1000).</summary>
        public int RevsLimit { get; set; }

        public ConflictPolicy ConflictPolicy { get; set; }

        /// <summary>
        /// For <see cref="ConflictPolicy.LastWriterWins"/>: the top-level body field holding the write's timestamp,
        /// a JSON number (integer milliseconds or seconds, any consistent unit; fractions are ignored). A leaf
        /// without it (or with a non-number) loses to every leaf that has one.
        /// </summary>
        public string TimestampField { get; set; }

        /// <summary>Compaction drops deleted documents whose last write is older than this; <see cref="KeepForever"/> keeps them.</summary>
        public uint TombstoneRetentionSeconds { get; set; }

        /// <summary>Most bytes the database's files may take on flash; 0 for no quota.</summary>
        public long QuotaBytes { get; set; }

        internal void Validate()
        {
            if (RevsLimit < 1 || RevsLimit > 1000)
            {
                throw new ArgumentOutOfRangeException("RevsLimit", "revs_limit must be 1..1000");
            }

            if (ConflictPolicy != ConflictPolicy.CouchDb && ConflictPolicy != ConflictPolicy.LastWriterWins)
            {
                throw new ArgumentOutOfRangeException("ConflictPolicy");
            }

            if (TimestampField == null || TimestampField.Length == 0 || TimestampField.Length > 64)
            {
                throw new ArgumentException("TimestampField must be 1..64 characters", "TimestampField");
            }

            if (QuotaBytes < 0)
            {
                throw new ArgumentOutOfRangeException("QuotaBytes");
            }
        }

        internal bool IsValid()
        {
            try
            {
                Validate();
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        internal DatabaseOptions Clone()
        {
            DatabaseOptions o = new DatabaseOptions();
            o.RevsLimit = RevsLimit;
            o.ConflictPolicy = ConflictPolicy;
            o.TimestampField = TimestampField;
            o.TombstoneRetentionSeconds = TombstoneRetentionSeconds;
            o.QuotaBytes = QuotaBytes;
            return o;
        }
    }
}
