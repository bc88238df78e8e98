using System.Text;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store.Documents
{
    /// <summary>
    /// A document being changed by a commit: its revision tree and one body per leaf (in the tree's leaf order, as
    /// slices of arrays: the old record's payload or the caller's bodies). Conflicts are rare, so a document record
    /// carries every leaf's body and the latest record alone describes the document.
    /// </summary>
    internal sealed class DocState
    {
        private static readonly byte[] s_empty = new byte[0];

        public string Id;
        public byte[] IdBytes;
        public RevisionTree Tree;
        public byte[][] Bodies;
        public int[] Offsets;
        public int[] Lengths;
        public bool Changed;

        public static DocState New(string id, byte[] idBytes)
        {
            DocState s = new DocState();
            s.Id = id;
            s.IdBytes = idBytes;
            s.Tree = new RevisionTree();
            s.Bodies = new byte[0][];
            s.Offsets = new int[0];
            s.Lengths = new int[0];
            return s;
        }

        public static DocState FromStored(StoredDoc d)
        {
            DocState s = new DocState();
            s.Id = d.Id;
            s.IdBytes = d.IdBytes;
            s.Tree = d.Tree;
            int n = d.Tree.LeafCount;
            s.Bodies = new byte[n][];
            s.Offsets = d.BodyOffsets;
            s.Lengths = d.BodyLengths;
            for (int k = 0; k < n; k++)
            {
                s.Bodies[k] = d.Payload;
            }

            return s;
        }

        public static byte[] IdToBytes(string id)
        {
            return Encoding.UTF8.GetBytes(id);
        }

        /// <summary>
        /// Re-aligns the bodies with the tree's current leaves: a leaf equal to <paramref name="newRev"/> gets
        /// <paramref name="newBody"/>, a leaf found in <paramref name="before"/> (aligned with the current bodies) keeps
        /// its body, any other leaf (a tombstone added by last-writer-wins) gets an empty body.
        /// </summary>
        public void Rebind(Revision[] before, Revision newRev, byte[] newBody)
        {
            int n = Tree.LeafCount;
            byte[][] bodies = new byte[n][];
            int[] offsets = new int[n];
            int[] lengths = new int[n];
            for (int k = 0; k < n; k++)
            {
                Revision leaf = Tree.GetLeaf(k);
                bodies[k] = s_empty;
                if (!newRev.IsNone && leaf == newRev)
                {
                    bodies[k] = newBody;
                    lengths[k] = newBody.Length;
                    continue;
                }

                for (int j = 0; j < before.Length; j++)
                {
                    if (before[j] == leaf)
                    {
                        bodies[k] = Bodies[j];
                        offsets[k] = Offsets[j];
                        lengths[k] = Lengths[j];
                        break;
                    }
                }
            }

            Bodies = bodies;
            Offsets = offsets;
            Lengths = lengths;
        }

        public int LiveLeafCount()
        {
            int live = 0;
            for (int k = 0; k < Tree.LeafCount; k++)
            {
                if (!Tree.IsLeafDeleted(k))
                {
                    live++;
                }
            }

            return live;
        }
    }
}
