using System;
using System.Collections;
using ThaliNano.Store.Documents;
using ThaliNano.Store.Format;
using ThaliNano.Store.Index;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store
{
    /// <summary>Document writes: interactive edits, replicated merges, group commit.</summary>
    public sealed partial class Database
    {
        private static readonly byte[] s_emptyObject = new byte[] { (byte)'{', (byte)'}' };

        /// <summary>
        /// new_edits=true: writes a revision of <paramref name="id"/> as a child of <paramref name="rev"/> (null for a
        /// new or deleted document) and returns the new "N-hash". Throws <see cref="DocumentConflictException"/> when
        /// rev is not a current leaf, <see cref="InsufficientStorageException"/> when full. Durable on return.
        /// </summary>
        public string Put(string id, string rev, byte[] body)
        {
            return Single(id, rev, body, false);
        }

        /// <summary>Deletes (writes a tombstone revision of) the leaf <paramref name="rev"/>; returns the tombstone's rev.</summary>
        public string Delete(string id, string rev)
        {
            return Single(id, rev, s_emptyObject, true);
        }

        /// <summary>
        /// new_edits=false: merges the revision revisionsStart-revisionIds[0] with its ancestry (newest first) into the
        /// document's tree. Never a conflict; writing a revision the tree has is a no-op. Durable on return.
        /// </summary>
        public void PutReplicated(string id, int revisionsStart, string[] revisionIds, bool deleted, byte[] body)
        {
            WriteBatch batch = new WriteBatch();
            batch.PutReplicated(id, revisionsStart, revisionIds, deleted, body);
            WriteResult r = Commit(batch)[0];
            if (r.Error != null)
            {
                throw r.Error;
            }
        }

        /// <summary>
        /// Group commit: evaluates the batch's writes in order, appends all resulting records at once, syncs once.
        /// Per-write failures (conflicts, bad revisions) are reported in the results and do not stop the others;
        /// lack of space fails the whole batch with nothing written. Returns only after the sync.
        /// </summary>
        public WriteResult[] Commit(WriteBatch batch)
        {
            if (batch == null)
            {
                throw new ArgumentNullException("batch");
            }

            lock (_sync)
            {
                EnsureWritable();
                ArrayList states = new ArrayList();
                WriteResult[] results;
                try
                {
                    results = Evaluate(batch, states);
                }
                catch (IndexDamagedException)
                {
                    RebuildIndex();
                    states.Clear();
                    results = Evaluate(batch, states);
                }
                catch (StoreCorruptedException e)
                {
                    MarkCorrupt(e);
                    throw;
                }

                // Sized once: a batch of 100 small documents is ~15 KB, which doubling from 256 bytes copied twice over.
                int size = 0;
                for (int i = 0; i < states.Count; i++)
                {
                    DocState s = (DocState)states[i];
                    if (s.Changed)
                    {
                        size += StoredDoc.FrameLength(s.IdBytes, s.Tree, s.Lengths);
                    }
                }

                ByteBuffer frames = new ByteBuffer(size);
                uint seq = _index.LastSeq;
                uint time = _storeOptions.Clock.UtcSeconds;
                int newDocs = 0;
                for (int i = 0; i < states.Count; i++)
                {
                    DocState s = (DocState)states[i];
                    if (s.Changed)
                    {
                        seq++;
                        StoredDoc.WriteFrame(frames, s.IdBytes, seq, time, s.Tree, s.Bodies, s.Offsets, s.Lengths);
                        newDocs++;
                    }
                }

                if (frames.Length > 0)
                {
                    AppendDurably(frames, newDocs, false);
                }

                return results;
            }
        }

        private string Single(string id, string rev, byte[] body, bool deleted)
        {
            WriteBatch batch = new WriteBatch();
            batch.Put(id, rev, body, deleted);
            WriteResult r = Commit(batch)[0];
            if (r.Error != null)
            {
                throw r.Error;
            }

            return r.Rev;
        }

        private WriteResult[] Evaluate(WriteBatch batch, ArrayList states)
        {
            WriteResult[] results = new WriteResult[batch.Ops.Count];
            for (int i = 0; i < results.Length; i++)
            {
                WriteOp op = (WriteOp)batch.Ops[i];
                WriteResult r = new WriteResult();
                r.Id = op.Id;
                results[i] = r;
                try
                {
                    byte[] idBytes = CheckDocumentId(op.Id);
                    DocState s = FindState(states, op.Id, idBytes);
                    byte[] snapshot = new byte[s.Tree.GetEncodedLength()];
                    s.Tree.Encode(snapshot, 0);
                    byte[][] bodies = s.Bodies;
                    int[] offsets = s.Offsets;
                    int[] lengths = s.Lengths;
                    try
                    {
                        r.Rev = op.Replicated ? Merge(s, op) : Edit(s, op);
                    }
                    catch (Exception)
                    {
                        s.Tree = RevisionTree.Decode(snapshot, 0, snapshot.Length);
                        s.Bodies = bodies;
                        s.Offsets = offsets;
                        s.Lengths = lengths;
                        throw;
                    }
                }
                catch (DocumentConflictException e)
                {
                    r.Error = e;
                }
                catch (ArgumentException e)
                {
                    r.Error = e;
                }
                catch (FormatException e)
                {
                    r.Error = new ArgumentException(e.Message);
                }
                catch (RevisionTreeLimitException e)
                {
                    r.Error = new ArgumentException(e.Message);
                }
            }

            return results;
        }

        private string Edit(DocState s, WriteOp op)
        {
            byte[] body = op.Body == null ? s_emptyObject : op.Body;
            bool hasParent = op.Rev != null;
            Revision parent = hasParent ? Revision.Parse(op.Rev) : Revision.None;
            Revision[] before = s.Tree.GetLeaves();
            Revision rev;
            try
            {
                rev = s.Tree.AddEdit(parent, hasParent, op.Deleted, body, 0, body.Length);
            }
            catch (RevisionConflictException e)
            {
                throw new DocumentConflictException(s.Id, e.Message);
            }

            Finish(s, before, rev, body);
            return rev.ToString();
        }

        private string Merge(DocState s, WriteOp op)
        {
            if (op.Ids == null || op.Ids.Length == 0)
            {
                throw new ArgumentException("_revisions.ids must hold at least one revision id");
            }

            Revision[] history = new Revision[op.Ids.Length];
            for (int k = 0; k < history.Length; k++)
            {
                history[k] = Revision.FromParts(op.Start - k, op.Ids[k]);
            }

            byte[] body = op.Body == null ? s_emptyObject : op.Body;
            Revision[] before = s.Tree.GetLeaves();
            if (s.Tree.Merge(history, op.Deleted))
            {
                Finish(s, before, history[0], body);
            }

            return history[0].ToString();
        }

        /// <summary>Re-attaches bodies, applies the conflict policy, stems to revs_limit.</summary>
        private void Finish(DocState s, Revision[] before, Revision rev, byte[] body)
        {
            s.Rebind(before, rev, body);
            if (_options.ConflictPolicy == ConflictPolicy.LastWriterWins && s.LiveLeafCount() > 1)
            {
                long[] stamps = new long[s.Tree.LeafCount];
                for (int k = 0; k < stamps.Length; k++)
                {
                    long t;
                    stamps[k] = TimestampField.TryRead(s.Bodies[k], s.Offsets[k], s.Lengths[k], _options.TimestampField, out t) ? t : RevisionTree.NoTimestamp;
                }

                Revision[] leaves = s.Tree.GetLeaves();
                s.Tree.ResolveLastWriterWins(stamps);
                s.Rebind(leaves, Revision.None, null);
            }

            Revision[] unstemmed = s.Tree.GetLeaves();
            s.Tree.Stem(_options.RevsLimit);
            s.Rebind(unstemmed, Revision.None, null);
            int maxLeaves = _storeOptions.MaxLeaves;
            if (s.Tree.LeafCount > maxLeaves)
            {
                throw new RevisionTreeLimitException("document " + s.Id + " would have " + s.Tree.LeafCount.ToString()
                    + " leaf revisions (branches), more than this hub's limit of " + maxLeaves.ToString() + " (MaxLeaves)");
            }

            s.Changed = true;
        }

        private DocState FindState(ArrayList states, string id, byte[] idBytes)
        {
            for (int i = 0; i < states.Count; i++)
            {
                DocState s = (DocState)states[i];
                if (s.Id == id)
                {
                    return s;
                }
            }

            DocState loaded = LoadState(id, idBytes);
            states.Add(loaded);
            return loaded;
        }

        private DocState LoadState(string id, byte[] idBytes)
        {
            StoredDoc d = LoadDocument(idBytes);
            return d == null ? DocState.New(id, idBytes) : DocState.FromStored(d);
        }

        /// <summary>The latest record of a (non-local) document, decoded; null when there is none.</summary>
        private StoredDoc LoadDocument(byte[] idBytes)
        {
            long offset;
            int length;
            RecordHeader rh = new RecordHeader();
            if (!ReadLatest(idBytes, rh, out offset, out length) || rh.Kind != RecordKind.Document)
            {
                return null;
            }

            StoredDoc d = StoredDoc.Decode(_log.Buffer, 0, length, rh, offset);
            if (d == null)
            {
                throw new StoreCorruptedException(_log.Path, offset, "document record does not decode");
            }

            return d;
        }

        private byte[] CheckDocumentId(string id)
        {
            if (id == null || id.Length == 0)
            {
                throw new ArgumentException("Document id must not be empty");
            }

            if (id[0] == '_' && !(id.StartsWith("_design/") && id.Length > 8))
            {
                throw new ArgumentException("Only reserved document ids may start with underscore.");
            }

            return IdBytesWithinLimit(id);
        }

        /// <summary>The id's UTF-8 bytes; throws when they pass <see cref="StoreOptions.MaxIdBytes"/>.</summary>
        private byte[] IdBytesWithinLimit(string id)
        {
            byte[] b = DocState.IdToBytes(id);
            int max = _storeOptions.MaxIdBytes;
            if (b.Length > max)
            {
                throw new ArgumentException("Document id is " + b.Length.ToString() + " bytes of UTF-8, longer than this hub's limit of "
                    + max.ToString() + " bytes (MaxIdBytes)");
            }

            return b;
        }

        /// <summary>Checks space, appends the frames in one write, syncs, then indexes them.</summary>
        private void AppendDurably(ByteBuffer frames, int newEntries, bool reclaiming)
        {
            long growth = frames.Length + (long)newEntries * PageCacheEntryBytes + 64;
            if (!reclaiming)
            {
                CheckSpace(growth);
            }

            long start = _log.Length;
            try
            {
                _log.Append(frames.Data, 0, frames.Length);
                _log.Sync();
            }
            catch (Exception)
            {
                // A failed append (a full disk) that left the log as it was, or could be cut back, leaves the database
                // healthy; otherwise the next call reopens it, and recovery cuts off the torn tail.
                if (!_log.CutBack(start))
                {
                    _broken = true;
                }

                throw;
            }

            try
            {
                IndexAppended(frames.Data, frames.Length, start);
            }
            catch (IndexDamagedException)
            {
                RebuildIndex();
            }
            catch (Exception)
            {
                _broken = true;
                throw;
            }
        }

        private const int PageCacheEntryBytes = 8;

        private void CheckSpace(long growth)
        {
            long quota = _options.QuotaBytes;
            if (quota > 0 && SizeOnFlash + growth > quota)
            {
                throw new InsufficientStorageException("database " + Name + " would exceed its quota of " + quota.ToString() + " bytes");
            }

            _hub.CheckStoreSpace(growth);
        }
    }
}
