using System;
using ThaliNano.Store.Documents;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store
{
    /// <summary>Purge: forget documents or leaf revisions entirely (the mesh purges delivered readings).</summary>
    public sealed partial class Database
    {
        /// <summary>
        /// Purges the leaf revisions <paramref name="revs"/> of a document (null: every revision, the whole document).
        /// A durable record: purged revisions vanish from reads, changes and revs_diff (a purged revision counts as
        /// missing again). When leaves remain, the document gets a new seq with the remaining tree. Compaction
        /// reclaims the space. Returns the leaf revisions purged. Allowed beyond the quota (it frees space).
        /// </summary>
        public string[] Purge(string id, string[] revs)
        {
            lock (_sync)
            {
                EnsureWritable();
                StoredDoc d = LoadForRead(id);
                if (d == null)
                {
                    return new string[0];
                }

                RevisionTree tree = d.Tree;
                bool[] purge = new bool[tree.LeafCount];
                int purged = 0;
                for (int k = 0; k < purge.Length; k++)
                {
                    purge[k] = revs == null || Contains(revs, tree.GetLeaf(k).ToString());
                    if (purge[k])
                    {
                        purged++;
                    }
                }

                string[] result = new string[purged];
                int n = 0;
                for (int k = 0; k < purge.Length; k++)
                {
                    if (purge[k])
                    {
                        result[n++] = tree.GetLeaf(k).ToString();
                    }
                }

                if (purged == 0)
                {
                    return result;
                }

                ByteBuffer frame = new ByteBuffer();
                uint time = _storeOptions.Clock.UtcSeconds;
                if (purged == purge.Length)
                {
                    PurgeRecord.WritePurgeFrame(frame, d.IdBytes, time);
                }
                else
                {
                    DocState s = DocState.FromStored(d);
                    Revision[] before = tree.GetLeaves();
                    RevisionTree kept = new RevisionTree();
                    for (int k = 0; k < purge.Length; k++)
                    {
                        if (!purge[k])
                        {
                            kept.Merge(tree.GetHistory(tree.GetLeaf(k), MaxHistory), tree.IsLeafDeleted(k));
                        }
                    }

                    s.Tree = kept;
                    s.Rebind(before, Revision.None, null);
                    StoredDoc.WriteFrame(frame, d.IdBytes, _index.LastSeq + 1, time, s.Tree, s.Bodies, s.Offsets, s.Lengths);
                }

                AppendDurably(frame, 0, true);
                return result;
            }
        }

        private static bool Contains(string[] values, string value)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == value)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
