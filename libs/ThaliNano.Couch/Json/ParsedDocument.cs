namespace ThaliNano.Couch.Json
{
    /// <summary>A document from a request body: its special fields apart, its own fields as compact JSON bytes.</summary>
    internal sealed class ParsedDocument
    {
        /// <summary>"_id", or null.</summary>
        public string Id;

        /// <summary>"_rev", or null.</summary>
        public string Rev;

        /// <summary>"_deleted": true.</summary>
        public bool Deleted;

        /// <summary>True when "_revisions" was given.</summary>
        public bool HasRevisions;

        /// <summary>"_revisions.start".</summary>
        public int RevisionsStart;

        /// <summary>"_revisions.ids", newest first.</summary>
        public string[] RevisionIds;

        /// <summary>A non-empty "_attachments" was given (the hub stores none).</summary>
        public bool HasAttachments;

        /// <summary>The document's own fields as a JSON object, without the underscore fields.</summary>
        public byte[] Body;

        /// <summary>Estimate of the RAM this document holds (body bytes, two bytes per character of its strings).</summary>
        public int Cost
        {
            get
            {
                int chars = (Id == null ? 0 : Id.Length) + (Rev == null ? 0 : Rev.Length);
                if (RevisionIds != null)
                {
                    for (int i = 0; i < RevisionIds.Length; i++)
                    {
                        chars += RevisionIds[i].Length + 8;
                    }
                }

                return 64 + (Body == null ? 0 : Body.Length) + 2 * chars;
            }
        }
    }
}
