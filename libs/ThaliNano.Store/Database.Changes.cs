using System;
using System.Text;
using ThaliNano.Store.Format;
using ThaliNano.Store.Index;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store
{
    /// <summary>The changes feed: a scan of the log from the sparse seq index's entry for since.</summary>
    public sealed partial class Database
    {
        /// <summary>Changes after <paramref name="since"/> (0 for all), at most <paramref name="limit"/> rows (0 for no limit).</summary>
        public ChangesCursor GetChanges(long since, int limit)
        {
            if (since < 0 || since > uint.MaxValue || limit < 0)
            {
                throw new ArgumentOutOfRangeException("since");
            }

            lock (_sync)
            {
                EnsureOpen();
                ChangesCursor c = new ChangesCursor();
                c.Db = this;
                c.Since = (uint)since;
                c.Limit = limit;
                c.LastSeq = since;
                PlaceCursor(c);
                return c;
            }
        }

        internal bool NextChange(ChangesCursor c)
        {
            lock (_sync)
            {
                EnsureOpen();
                if (c.Limit > 0 && c.Returned >= c.Limit)
                {
                    return false;
                }

                if (c.Generation != _generation)
                {
                    c.Since = (uint)c.LastSeq;
                    PlaceCursor(c);
                }

                try
                {
                    return Scan(c);
                }
                catch (IndexDamagedException)
                {
                    RebuildIndex();
                    return Scan(c);
                }
                catch (StoreCorruptedException e)
                {
                    MarkCorrupt(e);
                    throw;
                }
            }
        }

        private void PlaceCursor(ChangesCursor c)
        {
            uint start = 0;
            try
            {
                start = _index.Seq.FindStart(c.Since);
            }
            catch (IndexDamagedException)
            {
                RebuildIndex();
                start = _index.Seq.FindStart(c.Since);
            }

            c.Position = start < FileHeader.Size ? FileHeader.Size : start;
            c.End = _validEnd;
            c.Generation = _generation;
        }

        private bool Scan(ChangesCursor c)
        {
            while (c.Position < c.End)
            {
                long at = c.Position;
                RecordHeader rh = new RecordHeader();
                int length = ReadRecordAt(at, rh);
                c.Position = at + Frame.Overhead + length;
                uint seq = rh.Seq;
                if (rh.Kind != RecordKind.Document || seq <= c.Since)
                {
                    continue;
                }

                if (seq > c.LastSeq)
                {
                    c.LastSeq = seq;
                }

                byte[] id = rh.CopyId(_log.Buffer);
                int index;
                int kind;
                long latest;
                if (!FindEntry(id, HashIndex.Hash(id), out index, out kind, out latest) || latest != at)
                {
                    continue;
                }

                int p = rh.BodyOffset;
                uint treeLength;
                if (!LittleEndian.TryReadVarInt(_log.Buffer, ref p, length, out treeLength) || treeLength > (uint)(length - p))
                {
                    throw new StoreCorruptedException(_log.Path, at, "document record does not decode");
                }

                RevisionTree tree;
                try
                {
                    tree = RevisionTree.Decode(_log.Buffer, p, (int)treeLength);
                }
                catch (CorruptRevisionTreeException)
                {
                    throw new StoreCorruptedException(_log.Path, at, "revision tree does not decode");
                }

                ChangeRow row = new ChangeRow();
                row.Seq = seq;
                row.Id = Encoding.UTF8.GetString(id, 0, id.Length);
                row.Deleted = tree.IsDeleted;
                row.Revs = new string[tree.LeafCount];
                for (int k = 0; k < row.Revs.Length; k++)
                {
                    row.Revs[k] = tree.GetLeaf(k).ToString();
                }

                c.Current = row;
                c.Returned++;
                return true;
            }

            return false;
        }
    }
}
