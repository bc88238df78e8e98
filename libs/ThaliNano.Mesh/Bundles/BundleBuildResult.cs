namespace ThaliNano.Mesh.Bundles
{
    /// <summary>The outcome of <see cref="BundleBuilder.Build"/>.</summary>
    public sealed class BundleBuildResult
    {
        internal BundleBuildResult(BundleBuildStatus status, long nextSince)
        {
            Status = status;
            NextSince = nextSince;
        }

        public BundleBuildStatus Status { get; }

        /// <summary>The since of the next bundle: the bundle's <see cref="BundleHeader.ToSeq"/> when built, the feed's
        /// end when nothing was new, the given since when a document was too large.</summary>
        public long NextSince { get; }

        /// <summary>The sealed bundle (Built only).</summary>
        public byte[] Bundle { get; internal set; }

        public BundleHeader Header { get; internal set; }

        public int DocumentCount { get; internal set; }

        public int RevisionCount { get; internal set; }

        /// <summary>Plaintext payload bytes sealed.</summary>
        public int PayloadBytes { get; internal set; }

        /// <summary>The id of the document that did not fit (DocumentTooLarge only).</summary>
        public string TooLargeDocumentId { get; internal set; }
    }
}
