using System.Collections;

namespace ThaliNano.Store
{
    /// <summary>
    /// Writes to commit together with one sync (group commit, for _bulk_docs). Nothing is stored until
    /// <see cref="Database.Commit"/>, which evaluates the writes in order (a later write sees an earlier one),
    /// appends every record in one write, syncs once, and only then reports success. Holds references to the bodies.
    /// </summary>
    public sealed class WriteBatch
    {
        internal readonly ArrayList Ops = new ArrayList();

        public int Count
        {
            get { return Ops.Count; }
        }

        /// <summary>An interactive write (new_edits=true): rev is the revision edited (null for a new document).</summary>
        public void Put(string id, string rev, byte[] body, bool deleted)
        {
            WriteOp op = new WriteOp();
            op.Id = id;
            op.Rev = rev;
            op.Body = body;
            op.Deleted = deleted;
            Ops.Add(op);
        }

        /// <summary>
        /// A replicated write (new_edits=false) of the revision revisionsStart-revisionIds[0] with its ancestry
        /// ("_revisions": start and ids newest first). Never a conflict; idempotent.
        /// </summary>
        public void PutReplicated(string id, int revisionsStart, string[] revisionIds, bool deleted, byte[] body)
        {
            WriteOp op = new WriteOp();
            op.Id = id;
            op.Replicated = true;
            op.Start = revisionsStart;
            op.Ids = revisionIds;
            op.Body = body;
            op.Deleted = deleted;
            Ops.Add(op);
        }

        public void Clear()
        {
            Ops.Clear();
        }
    }

    internal sealed class WriteOp
    {
        public string Id;
        public string Rev;
        public byte[] Body;
        public bool Deleted;
        public bool Replicated;
        public int Start;
        public string[] Ids;
    }
}
