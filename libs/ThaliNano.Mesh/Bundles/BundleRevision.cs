namespace ThaliNano.Mesh.Bundles
{
    /// <summary>
    /// One leaf revision of a document as a bundle carries it: everything CouchDB's <c>_bulk_docs</c> with
    /// <c>new_edits=false</c> needs (<c>_id</c>, <c>_rev</c>, <c>_revisions</c>, <c>_deleted</c>, the body).
    /// </summary>
    public sealed class BundleRevision
    {
        public BundleRevision(string id, int revisionsStart, string[] revisionIds, bool deleted, byte[] body)
        {
            Id = id;
            RevisionsStart = revisionsStart;
            RevisionIds = revisionIds;
            Deleted = deleted;
            Body = body;
        }

        public string Id { get; }

        /// <summary>"_revisions.start": the generation of <see cref="Rev"/>.</summary>
        public int RevisionsStart { get; }

        /// <summary>"_revisions.ids", newest first, without "N-".</summary>
        public string[] RevisionIds { get; }

        public bool Deleted { get; }

        /// <summary>The JSON object of the document's own fields, byte for byte as stored.</summary>
        public byte[] Body { get; }

        /// <summary>"N-hash".</summary>
        public string Rev
        {
            get { return RevisionsStart.ToString() + "-" + RevisionIds[0]; }
        }
    }
}
