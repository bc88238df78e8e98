namespace ThaliNano.Store
{
    /// <summary>One answer of an open_revs read: a document ({"ok": doc}) or a revision the store does not have ({"missing": rev}).</summary>
    public sealed class OpenRevision
    {
        /// <summary>The revision found, or null when <see cref="MissingRev"/> is set.</summary>
        public Document Document { get; internal set; }

        /// <summary>The requested revision that is not a leaf of the document (or the document is unknown).</summary>
        public string MissingRev { get; internal set; }
    }
}
