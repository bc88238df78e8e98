namespace ThaliNano.Store
{
    /// <summary>
    /// One revision of a document as the store serves it. <see cref="Body"/> is the JSON object of the document's own
    /// fields exactly as written (no "_id", "_rev", "_deleted", "_revisions", "_conflicts": the HTTP layer adds those).
    /// </summary>
    public sealed class Document
    {
        public string Id { get; internal set; }

        /// <summary>"N-hash".</summary>
        public string Rev { get; internal set; }

        public bool Deleted { get; internal set; }

        public byte[] Body { get; internal set; }

        /// <summary>With <see cref="ReadOptions.Revisions"/>: "_revisions.start" (the generation of <see cref="Rev"/>).</summary>
        public int RevisionsStart { get; internal set; }

        /// <summary>With <see cref="ReadOptions.Revisions"/>: "_revisions.ids", newest first, without "N-" (stemmed to revs_limit).</summary>
        public string[] RevisionIds { get; internal set; }

        /// <summary>With <see cref="ReadOptions.Conflicts"/>: the other live leaves (empty when none).</summary>
        public string[] Conflicts { get; internal set; }

        /// <summary>With <see cref="ReadOptions.DeletedConflicts"/>: the other deleted leaves.</summary>
        public string[] DeletedConflicts { get; internal set; }
    }
}
