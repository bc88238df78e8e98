namespace ThaliNano.Store.Format
{
    /// <summary>The kinds of log record (first payload byte).</summary>
    internal static class RecordKind
    {
        /// <summary>A document's whole stemmed revision tree plus the bodies of all its leaves.</summary>
        public const byte Document = 1;

        /// <summary>A local document (_local/...): its 0-N number, deleted flag and body.</summary>
        public const byte Local = 2;

        /// <summary>The document (every revision of it) is purged.</summary>
        public const byte Purge = 3;

        /// <summary>Record flag: the document's winner (or the local document) is deleted.</summary>
        public const byte FlagDeleted = 1;
    }
}
