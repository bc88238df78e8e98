using ThaliNano.Store.Format;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store.Index
{
    /// <summary>
    /// A database's index for one log generation, in its own directory: the id hash pages ("p.N"), the sparse seq
    /// pages ("q.N") and a header in two alternating slots ("h.0", "h.1"). Everything here is derived from the log.
    ///
    /// The header is written only at checkpoints: all dirty pages written, everything synced (SyncAll), then the
    /// header with the log offset the pages cover. Between checkpoints pages are written back without sync as the
    /// cache evicts them, and only ever point at synced records, so after a power cut the pages hold some state at
    /// or after the checkpoint: replaying the log from the covered offset brings them up to date (replay is the same
    /// idempotent sequence of updates) and the counters are recounted. A damaged page, a header saying "rebuilding"
    /// (a growth or rebuild was cut) or no header at all means: delete everything here and rebuild from the log.
    /// </summary>
    internal sealed class DocIndex
    {
        public const int StateOk = 0;
        public const int StateRebuilding = 1;
        private const int HeaderLength = 41;
        private const int EntriesPerPage = 127;
        private static readonly byte[] s_magic = new byte[] { (byte)'T', (byte)'N', (byte)'I', (byte)'X' };

        private readonly IFileStorage _storage;
        private readonly SlotFile _header;

        public DocIndex(IFileStorage storage, string directory, uint logGeneration, int cachePages)
        {
            _storage = storage;
            Directory = directory;
            LogGeneration = logGeneration;
            _header = new SlotFile(storage, directory, "h", s_magic);
            Pages = new PageCache(storage, directory, EntriesPerPage, cachePages < 2 ? 2 : cachePages);
            Hash = new HashIndex(Pages);
            Seq = new SeqIndex(Pages);
        }

        /// <summary>The cached pages of both tables, the id hash table's and the seq index's.</summary>
        public PageCache Pages { get; private set; }

        public string Directory { get; private set; }

        public uint LogGeneration { get; private set; }

        public HashIndex Hash { get; private set; }

        public SeqIndex Seq { get; private set; }

        /// <summary>Log offset up to which the last checkpoint's pages are complete.</summary>
        public uint Covered { get; set; }

        /// <summary>Highest seq of any record seen (the database's update_seq).</summary>
        public uint LastSeq { get; set; }

        /// <summary>Bytes of index files written (for write-amplification figures).</summary>
        public long BytesWritten
        {
            get { return Pages.BytesWritten; }
        }

        /// <summary>Flash bytes of the index files, from the counters (missing empty pages counted as present).</summary>
        public long SizeOnFlash
        {
            get
            {
                int per = EntriesPerPage;
                int seqPages = (Seq.Count + per - 1) / per;
                return PageCache.FileSize(0) * (Hash.PageCount + seqPages) + (long)PageCache.EntrySize * (Hash.EntryCount + Seq.Count)
                    + 2 * (HeaderLength + 20);
            }
        }

        /// <summary>Bytes of the page buffers cached now.</summary>
        public int CacheBytes
        {
            get { return Pages.BufferBytes; }
        }

        /// <summary>Gives back every cached page without unwritten changes (see <see cref="PageCache.ReleaseCleanSlots"/>).</summary>
        public void ReleaseCleanPages()
        {
            Pages.ReleaseCleanSlots();
        }

        /// <summary>Loads the header; false when the index must be rebuilt (none, damaged, rebuilding, other generation).</summary>
        public bool TryLoad()
        {
            if (!_storage.DirectoryExists(Directory))
            {
                return false;
            }

            bool damaged;
            byte[] h;
            try
            {
                h = _header.ReadNewest(out damaged);
            }
            catch (UnsupportedFormatException)
            {
                return false;
            }

            if (h == null || h.Length < HeaderLength || h[4] != StateOk || LittleEndian.ReadUInt32(h, 0) != LogGeneration)
            {
                return false;
            }

            Hash.PageCount = (int)LittleEndian.ReadUInt32(h, 5);
            Hash.EntryCount = (int)LittleEndian.ReadUInt32(h, 9);
            Hash.LiveDocs = (int)LittleEndian.ReadUInt32(h, 13);
            Hash.DeletedDocs = (int)LittleEndian.ReadUInt32(h, 17);
            Hash.LocalDocs = (int)LittleEndian.ReadUInt32(h, 21);
            Covered = LittleEndian.ReadUInt32(h, 25);
            LastSeq = LittleEndian.ReadUInt32(h, 29);
            Seq.Count = (int)LittleEndian.ReadUInt32(h, 33);
            Seq.LastOffset = LittleEndian.ReadUInt32(h, 37);
            int pages = Hash.PageCount;
            return pages > 0 && (pages & (pages - 1)) == 0;
        }

        /// <summary>Deletes every index file (header first, so a cut leaves "no header": rebuild) and starts empty.</summary>
        public void Reset()
        {
            if (!_storage.DirectoryExists(Directory))
            {
                _storage.CreateDirectory(Directory);
            }
            else
            {
                _header.DeleteBoth();
                string[] files = _storage.ListFiles(Directory);
                for (int i = 0; i < files.Length; i++)
                {
                    _storage.DeleteFile(StorageNames.Combine(Directory, files[i]));
                }
            }

            Pages.Clear();
            Hash.PageCount = 1;
            Hash.EntryCount = 0;
            Hash.LiveDocs = 0;
            Hash.DeletedDocs = 0;
            Hash.LocalDocs = 0;
            Seq.Count = 0;
            Seq.LastOffset = 0;
            Covered = 0;
            LastSeq = 0;
        }

        /// <summary>
        /// Most bytes a checkpoint writes now (every dirty page and a header slot): a page file is rewritten whole, so
        /// one that cannot be written is left empty, which the next open heals only by a rebuild.
        /// </summary>
        public long CheckpointBytesNeeded
        {
            get { return Pages.DirtyBytes + HeaderLength + 20; }
        }

        /// <summary>Makes the pages durable, then records that they cover the log up to <paramref name="covered"/>.</summary>
        public void Checkpoint(uint covered)
        {
            Pages.FlushAll();
            _storage.SyncAll();
            Covered = covered;
            WriteHeader(StateOk);
        }

        /// <summary>Doubles the hash table; a cut while splitting leaves a "rebuilding" header.</summary>
        public void Grow(uint covered)
        {
            WriteHeader(StateRebuilding);
            Hash.Grow();
            Checkpoint(covered);
        }

        public void DeleteAll()
        {
            if (!_storage.DirectoryExists(Directory))
            {
                return;
            }

            _header.DeleteBoth();
            string[] files = _storage.ListFiles(Directory);
            for (int i = 0; i < files.Length; i++)
            {
                _storage.DeleteFile(StorageNames.Combine(Directory, files[i]));
            }

            _storage.DeleteDirectory(Directory);
        }

        private void WriteHeader(int state)
        {
            byte[] h = new byte[HeaderLength];
            LittleEndian.WriteUInt32(h, 0, LogGeneration);
            h[4] = (byte)state;
            LittleEndian.WriteUInt32(h, 5, (uint)Hash.PageCount);
            LittleEndian.WriteUInt32(h, 9, (uint)Hash.EntryCount);
            LittleEndian.WriteUInt32(h, 13, (uint)Hash.LiveDocs);
            LittleEndian.WriteUInt32(h, 17, (uint)Hash.DeletedDocs);
            LittleEndian.WriteUInt32(h, 21, (uint)Hash.LocalDocs);
            LittleEndian.WriteUInt32(h, 25, Covered);
            LittleEndian.WriteUInt32(h, 29, LastSeq);
            LittleEndian.WriteUInt32(h, 33, (uint)Seq.Count);
            LittleEndian.WriteUInt32(h, 37, Seq.LastOffset);
            _header.Write(h, h.Length);
        }
    }
}
