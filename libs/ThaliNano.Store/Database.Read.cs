using System;
using ThaliNano.Store.Documents;
using ThaliNano.Store.Index;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store
{
    /// <summary>Document reads: winner, a given leaf, open_revs, revs_diff, info.</summary>
    public sealed partial class Database
    {
        private const int MaxHistory = 1000;

        /// <summary>
        /// The winning revision, or null when the document does not exist (or was purged). A document whose winner is
        /// deleted is returned with <see cref="Document.Deleted"/> set (GET without rev answers 404 "deleted" for it).
        /// </summary>
        public Document Get(string id)
        {
            return Get(id, null, ReadOptions.None);
        }

        /// <summary>
        /// A revision of a document: the winner when <paramref name="rev"/> is null, else that revision if it is a leaf.
        /// Only leaves keep bodies (as in CouchDB after compaction): a known non-leaf revision is not found (null).
        /// </summary>
        public Document Get(string id, string rev, ReadOptions options)
        {
            lock (_sync)
            {
                EnsureOpen();
                StoredDoc d = LoadForRead(id);
                if (d == null)
                {
                    return null;
                }

                int leaf = 0;
                if (rev != null)
                {
                    Revision r;
                    if (!Revision.TryParse(rev, out r))
                    {
                        return null;
                    }

                    leaf = d.FindLeaf(r);
                    if (leaf < 0)
                    {
                        return null;
                    }
                }

                return MakeDocument(d, leaf, options);
            }
        }

        /// <summary>
        /// open_revs: every leaf when <paramref name="revs"/> is null ("all"), else one answer per requested revision,
        /// in order: the leaf itself, or with <paramref name="latest"/> the leaves descending from it; a revision that
        /// yields nothing is reported missing.
        /// </summary>
        public OpenRevision[] GetOpenRevs(string id, string[] revs, bool latest, ReadOptions options)
        {
            lock (_sync)
            {
                EnsureOpen();
                StoredDoc d = LoadForRead(id);
                if (revs == null)
                {
                    int n = d == null ? 0 : d.Tree.LeafCount;
                    OpenRevision[] all = new OpenRevision[n];
                    for (int k = 0; k < n; k++)
                    {
                        all[k] = new OpenRevision();
                        all[k].Document = MakeDocument(d, k, options);
                    }

                    return all;
                }

                OpenRevision[] answers = new OpenRevision[revs.Length];
                int count = 0;
                for (int i = 0; i < revs.Length; i++)
                {
                    Revision r;
                    Revision[] found = new Revision[0];
                    if (d != null && Revision.TryParse(revs[i], out r))
                    {
                        found = latest ? d.Tree.GetLatest(r) : (d.Tree.IsLeaf(r) ? new Revision[] { r } : found);
                    }

                    if (found.Length == 0)
                    {
                        answers = Grow(answers, count + 1);
                        answers[count] = new OpenRevision();
                        answers[count++].MissingRev = revs[i];
                        continue;
                    }

                    for (int j = 0; j < found.Length; j++)
                    {
                        answers = Grow(answers, count + 1);
                        answers[count] = new OpenRevision();
                        answers[count++].Document = MakeDocument(d, d.FindLeaf(found[j]), options);
                    }
                }

                OpenRevision[] exact = new OpenRevision[count];
                Array.Copy(answers, exact, count);
                return exact;
            }
        }

        /// <summary>_revs_diff for one document: the requested revisions the store does not have (in request order, no repeats).</summary>
        public string[] RevsDiff(string id, string[] revs)
        {
            if (revs == null)
            {
                throw new ArgumentNullException("revs");
            }

            lock (_sync)
            {
                EnsureOpen();
                StoredDoc d = LoadForRead(id);
                RevisionTree tree = d == null ? new RevisionTree() : d.Tree;
                int valid = 0;
                Revision[] parsed = new Revision[revs.Length];
                string[] invalid = new string[revs.Length];
                int invalidCount = 0;
                for (int i = 0; i < revs.Length; i++)
                {
                    Revision r;
                    if (Revision.TryParse(revs[i], out r))
                    {
                        parsed[valid++] = r;
                    }
                    else
                    {
                        invalid[invalidCount++] = revs[i];
                    }
                }

                Revision[] candidates = new Revision[valid];
                Array.Copy(parsed, candidates, valid);
                Revision[] missing = tree.FindMissing(candidates);
                string[] result = new string[missing.Length + invalidCount];
                for (int i = 0; i < missing.Length; i++)
                {
                    result[i] = missing[i].ToString();
                }

                Array.Copy(invalid, 0, result, missing.Length, invalidCount);
                return result;
            }
        }

        public DatabaseInfo GetInfo()
        {
            lock (_sync)
            {
                // The beacon's hints ask every few seconds: that alone neither keeps a database's caches nor reopens its files.
                EnsureOpenForCounters();
                return _dormantInfo != null ? _dormantInfo : InfoLocked();
            }
        }

        private DatabaseInfo InfoLocked()
        {
            DatabaseInfo info = new DatabaseInfo();
            info.Name = Name;
            info.DocCount = _index.Hash.LiveDocs;
            info.DeletedDocCount = _index.Hash.DeletedDocs;
            info.LocalDocCount = _index.Hash.LocalDocs;
            info.UpdateSeq = _index.LastSeq;
            info.SizeOnFlash = SizeOnFlash;
            info.IsReadOnly = _corruption != null;
            info.Corruption = _corruption;
            return info;
        }

        /// <summary>Loads a document for a read, rebuilding a damaged index once; corruption is recorded and rethrown.</summary>
        private StoredDoc LoadForRead(string id)
        {
            if (id == null || id.Length == 0 || id.StartsWith("_local/"))
            {
                return null;
            }

            byte[] idBytes = DocState.IdToBytes(id);
            try
            {
                try
                {
                    return LoadDocument(idBytes);
                }
                catch (IndexDamagedException)
                {
                    RebuildIndex();
                    return LoadDocument(idBytes);
                }
            }
            catch (StoreCorruptedException e)
            {
                MarkCorrupt(e);
                throw;
            }
        }

        private Document MakeDocument(StoredDoc d, int leaf, ReadOptions options)
        {
            Revision rev = d.Tree.GetLeaf(leaf);
            Document doc = new Document();
            doc.Id = d.Id;
            doc.Rev = rev.ToString();
            doc.Deleted = d.Tree.IsLeafDeleted(leaf);
            doc.Body = d.CopyBody(leaf);
            if ((options & ReadOptions.Revisions) != 0)
            {
                Revision[] history = d.Tree.GetHistory(rev, MaxHistory);
                doc.RevisionsStart = rev.Generation;
                doc.RevisionIds = new string[history.Length];
                for (int i = 0; i < history.Length; i++)
                {
                    doc.RevisionIds[i] = history[i].Hash;
                }
            }

            if ((options & ReadOptions.Conflicts) != 0)
            {
                doc.Conflicts = OtherLeaves(d, leaf, false);
            }

            if ((options & ReadOptions.DeletedConflicts) != 0)
            {
                doc.DeletedConflicts = OtherLeaves(d, leaf, true);
            }

            return doc;
        }

        private static string[] OtherLeaves(StoredDoc d, int leaf, bool deleted)
        {
            int n = 0;
            for (int k = 0; k < d.Tree.LeafCount; k++)
            {
                if (k != leaf && d.Tree.IsLeafDeleted(k) == deleted)
                {
                    n++;
                }
            }

            string[] result = new string[n];
            n = 0;
            for (int k = 0; k < d.Tree.LeafCount; k++)
            {
                if (k != leaf && d.Tree.IsLeafDeleted(k) == deleted)
                {
                    result[n++] = d.Tree.GetLeaf(k).ToString();
                }
            }

            return result;
        }

        private static OpenRevision[] Grow(OpenRevision[] a, int need)
        {
            if (need <= a.Length)
            {
                return a;
            }

            OpenRevision[] b = new OpenRevision[need * 2];
            Array.Copy(a, b, a.Length);
            return b;
        }
    }
}
