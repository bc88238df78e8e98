using System;
using ThaliNano.Store.Format;
using ThaliNano.Store.Index;
using ThaliNano.Store.Log;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store
{
    /// <summary>
    /// One database: a directory holding the meta slots ("meta.0"/"meta.1"), the log of the current generation
    /// ("log.G") and its index ("x.G/"). Thread-safe (one lock). Obtain it from <see cref="DocumentStore"/>.
    /// This file: opening, recovery, the index bookkeeping shared by every operation.
    /// </summary>
    public sealed partial class Database : IDisposable
    {
        internal const string CreatingMarker = "creating";
        internal const string DeletingMarker = "deleting";
        internal const string MetaBase = "meta";

        private readonly object _sync = new object();
        private readonly DocumentStore _hub;
        private readonly IFileStorage _storage;
        private readonly StoreOptions _storeOptions;
        private SlotFile _meta;
        private DatabaseOptions _options;
        private uint _generation;
        private uint _baseSeq;
        private LogFile _log;
        private DocIndex _index;
        private string _corruption;
        private bool _broken;
        private bool _closed;
        private int _recordsSinceCheckpoint;

        internal Database(DocumentStore hub, IFileStorage storage, string directory, StoreOptions storeOptions)
        {
            _hub = hub;
            _storage = storage;
            Directory = directory;
            _storeOptions = storeOptions;
        }

        public string Name { get; private set; }

        internal string Directory { get; private set; }

        /// <summary>A copy of the database's options.</summary>
        public DatabaseOptions Options
        {
            get
            {
                lock (_sync)
                {
                    return _options.Clone();
                }
            }
        }

        /// <summary>True when corruption was found: writes are refused until <see cref="Compact"/> salvages the database.</summary>
        public bool IsReadOnly
        {
            get { return _corruption != null; }
        }

        /// <summary>Number of times the index was rebuilt from the log since the database was opened.</summary>
        public int IndexRebuilds { get; private set; }

        /// <summary>Log bytes the last recovery replayed into the index: since the checkpoint at open, or the whole log in a rebuild.</summary>
        public long RecoveredBytes { get; private set; }

        /// <summary>Checkpoints skipped because the file system was full (the next open replays more log instead).</summary>
        public int CheckpointsSkipped { get; private set; }

        /// <summary>Bytes the database's files take (log exactly, index from its counters).</summary>
        internal long SizeOnFlash
        {
            get
            {
                // Read without the lock (the store's space checks): a release or reopen may be switching the fields.
                DatabaseInfo dormant = _dormantInfo;
                if (dormant != null)
                {
                    return dormant.SizeOnFlash;
                }

                LogFile log = _log;
                DocIndex index = _index;
                return log == null || index == null ? 0 : log.Length + index.SizeOnFlash + 2 * 64;
            }
        }

        internal static string LogPath(string directory, uint generation)
        {
            return StorageNames.Combine(directory, "log." + generation.ToString());
        }

        internal static string IndexPath(string directory, uint generation)
        {
            return StorageNames.Combine(directory, "x." + generation.ToString());
        }

        /// <summary>Creates a database's files, crash-safely: a "creating" marker covers the steps until the meta exists.</summary>
        internal static void CreateFiles(IFileStorage storage, string directory, string name, DatabaseOptions options)
        {
            storage.CreateDirectory(directory);
            string marker = StorageNames.Combine(directory, CreatingMarker);
            using (IStorageFile file = storage.Create(marker))
            {
                file.Sync();
            }

            using (LogFile log = LogFile.Create(storage, LogPath(directory, 1), 1))
            {
                DocIndex index = new DocIndex(storage, IndexPath(directory, 1), 1, 2);
                index.Reset();
                index.Checkpoint((uint)log.Length);
            }

            byte[] meta = MetaRecord.Encode(name, 1, 0, options);
            new SlotFile(storage, directory, MetaBase, MetaRecord.Magic).Write(meta, meta.Length);
            storage.DeleteFile(marker);
        }

        /// <summary>Opens (or reopens after a failure): meta, leftovers of cut compactions, log, index replay or rebuild.</summary>
        internal void Open()
        {
            CloseFiles();
            _corruption = null;
            _meta = new SlotFile(_storage, Directory, MetaBase, MetaRecord.Magic);
            bool damaged;
            byte[] payload = _meta.ReadNewest(out damaged);
            string name;
            uint generation;
            uint baseSeq;
            DatabaseOptions options;
            if (_meta.CorruptSlot != null)
            {
                throw new StoreCorruptedException(_meta.CorruptSlot, 0, "meta slot fails its CRC");
            }

            if (payload == null || !MetaRecord.TryDecode(payload, out name, out generation, out baseSeq, out options) || !options.IsValid())
            {
                throw new StoreCorruptedException(_meta.SlotPath(0), 0, "no valid meta slot");
            }

            if (!_storage.FileExists(LogPath(Directory, generation)))
            {
                throw new StoreCorruptedException(LogPath(Directory, generation), 0, "the log named by the meta is missing");
            }

            Name = name;
            _generation = generation;
            _baseSeq = baseSeq;
            _options = options;
            RemoveLeftovers();
            _log = LogFile.Open(_storage, LogPath(Directory, _generation), _generation);
            LoadIndex();
            _broken = false;
            _dormantInfo = null;
        }

        /// <summary>
        /// Checkpoints the index (so the next open replays nothing) and closes the files. On a full disk the checkpoint
        /// is skipped: the log is durable, so the next open replays from the previous checkpoint instead.
        /// </summary>
        public void Dispose()
        {
            lock (_sync)
            {
                if (_closed)
                {
                    return;
                }

                try
                {
                    if (!_broken && _log != null && _index.Covered != (uint)_validEnd)
                    {
                        TryCheckpoint((uint)_validEnd);
                    }
                }
                finally
                {
                    CloseFiles();
                    _closed = true;
                    _hub.Closed(this);
                }
            }
        }

        /// <summary>Closes the files without a checkpoint (the database is being deleted or was opened by mistake).</summary>
        internal void Abandon()
        {
            lock (_sync)
            {
                CloseFiles();
                _closed = true;
            }
        }

        /// <summary>End of the log's sound records (the log length unless corruption stopped the replay).</summary>
        private long _validEnd;

        private void CloseFiles()
        {
            if (_log != null)
            {
                _log.Dispose();
                _log = null;
            }
        }

        /// <summary>
        /// Opens again after a failure or a release that closed the files; marks the database used (its caches are kept at
        /// the next idle release).
        /// </summary>
        private void EnsureOpen()
        {
            EnsureOpenForCounters();
            _used = true;
            if (_dormantInfo != null)
            {
                Open();
            }
        }

        /// <summary>
        /// As <see cref="EnsureOpen"/> for an operation that reads only counters, neither pages nor the log: files closed by
        /// a release stay closed (the counters are in <see cref="_dormantInfo"/>).
        /// </summary>
        private void EnsureOpenForCounters()
        {
            if (_closed)
            {
                throw new ObjectDisposedException("Database " + Name);
            }

            if (_broken)
            {
                Open();
            }
        }

        private void EnsureWritable()
        {
            EnsureOpen();
            if (_corruption != null)
            {
                throw new StoreCorruptedException(_log.Path, _validEnd, "database is read-only until compaction salvages it: " + _corruption);
            }
        }

        private void MarkCorrupt(StoreCorruptedException e)
        {
            if (_corruption == null)
            {
                _corruption = e.Message;
            }
        }

        private void RemoveLeftovers()
        {
            string current = "log." + _generation.ToString();
            string[] files = _storage.ListFiles(Directory);
            for (int i = 0; i < files.Length; i++)
            {
                string f = files[i];
                if ((f.StartsWith("log.") && f != current) || f == CreatingMarker)
                {
                    _storage.DeleteFile(StorageNames.Combine(Directory, f));
                }
            }

            string currentIndex = "x." + _generation.ToString();
            string[] dirs = _storage.ListDirectories(Directory);
            for (int i = 0; i < dirs.Length; i++)
            {
                if (dirs[i] != currentIndex)
                {
                    new DocIndex(_storage, StorageNames.Combine(Directory, dirs[i]), 0, 2).DeleteAll();
                }
            }
        }

        private void LoadIndex()
        {
            _index = new DocIndex(_storage, IndexPath(Directory, _generation), _generation, _storeOptions.IndexCachePages);
            RecoveredBytes = 0;
            try
            {
                if (_index.TryLoad() && _index.Covered >= FileHeader.Size && _index.Covered <= _log.Length)
                {
                    _validEnd = _index.Covered;
                    if (_index.Covered < _log.Length)
                    {
                        _index.Hash.Recount();
                        Replay(_index.Covered);
                    }

                    return;
                }
            }
            catch (IndexDamagedException)
            {
            }

            RebuildIndex();
        }

        /// <summary>Deletes the index and replays the whole log into a new one.</summary>
        private void RebuildIndex()
        {
            IndexRebuilds++;
            _index.Reset();
            _index.LastSeq = _baseSeq;
            _validEnd = FileHeader.Size;
            Replay(FileHeader.Size);
        }

        /// <summary>
        /// Applies every sound record from <paramref name="from"/> to the index. A torn tail is cut off by rewriting the
        /// generation; a record that fails its checks otherwise makes the database read-only (reported, nothing dropped).
        /// </summary>
        private void Replay(long from)
        {
            long pos = from;
            RecordHeader rh = new RecordHeader();
            while (true)
            {
                int length;
                long next;
                FrameStatus status = _log.Read(pos, out length, out next);
                if (status == FrameStatus.Ok)
                {
                    if (!rh.TryParse(_log.Buffer, 0, length))
                    {
                        MarkCorrupt(new StoreCorruptedException(_log.Path, pos, "malformed record"));
                        break;
                    }

                    ApplyEntry(rh, _log.Buffer, pos, pos);
                    NoteSeq(rh.Seq, pos);
                    pos = next;
                    _validEnd = pos;
                    continue;
                }

                if (status == FrameStatus.Torn)
                {
                    if (_log.CutBack(pos))
                    {
                        break;
                    }

                    CutTornTail(pos);
                    return;
                }

                if (status == FrameStatus.Corrupt)
                {
                    MarkCorrupt(new StoreCorruptedException(_log.Path, pos, "record fails its CRC or header check and is not a torn tail"));
                }

                break;
            }

            _validEnd = pos;
            RecoveredBytes = pos - from;
            TryCheckpoint((uint)pos);
        }

        /// <summary>
        /// Checkpoints unless the file system is full: the log is durable either way, and the next checkpoint (or the
        /// replay at the next open) covers what this one would have. Pages written before the failure only get newer.
        /// </summary>
        private void TryCheckpoint(uint covered)
        {
            long available = _storage.AvailableBytes;
            if (available >= 0 && available < _index.CheckpointBytesNeeded)
            {
                CheckpointsSkipped++;
                return;
            }

            try
            {
                _index.Checkpoint(covered);
            }
            catch (InsufficientStorageException)
            {
                CheckpointsSkipped++;
            }
        }

        /// <summary>
        /// The log ends inside a record (a write cut by power loss, never acknowledged) and the file cannot be cut
        /// back (nanoFramework cannot truncate; there LittleFS never leaves a torn write anyway): the sound prefix is
        /// copied into a new generation, which the meta then switches to.
        /// </summary>
        private void CutTornTail(long end)
        {
            uint next = _generation + 1;
            string path = LogPath(Directory, next);
            using (LogFile copy = LogFile.Create(_storage, path, next))
            {
                byte[] chunk = new byte[1024];
                long pos = FileHeader.Size;
                while (pos < end)
                {
                    int n = (int)(end - pos < chunk.Length ? end - pos : chunk.Length);
                    n = _log.ReadRaw(pos, chunk, 0, n);
                    copy.Append(chunk, 0, n);
                    pos += n;
                }

                copy.Sync();
            }

            SwitchGeneration(next);
            RebuildIndex();
        }

        /// <summary>Makes generation <paramref name="next"/> (whose log is complete and synced) current, then drops the old one.</summary>
        private void SwitchGeneration(uint next)
        {
            _baseSeq = _index.LastSeq;
            byte[] meta = MetaRecord.Encode(Name, next, _baseSeq, _options);
            _meta.Write(meta, meta.Length);
            uint old = _generation;
            _generation = next;
            _log.Dispose();
            _storage.DeleteFile(LogPath(Directory, old));
            new DocIndex(_storage, IndexPath(Directory, old), old, 2).DeleteAll();
            _log = LogFile.Open(_storage, LogPath(Directory, next), next);
            _index = new DocIndex(_storage, IndexPath(Directory, next), next, _storeOptions.IndexCachePages);
        }

        /// <summary>
        /// Points the hash index at the record <paramref name="rh"/> (parsed from <paramref name="b"/>) at
        /// <paramref name="offset"/>. A growth checkpoints with <paramref name="covered"/>: every record before it must
        /// already be indexed.
        /// </summary>
        private void ApplyEntry(RecordHeader rh, byte[] b, long offset, long covered)
        {
            if (offset > HashIndex.MaxOffset)
            {
                throw new InsufficientStorageException("log of database " + Name + " exceeds 1 GB; compact it");
            }

            byte[] id = rh.CopyId(b);
            bool remove = false;
            int kind = HashIndex.KindLive;
            if (rh.Kind == RecordKind.Document)
            {
                kind = rh.Deleted ? HashIndex.KindDeleted : HashIndex.KindLive;
            }
            else if (rh.Kind == RecordKind.Local)
            {
                kind = HashIndex.KindLocal;
                remove = rh.Deleted;
            }
            else
            {
                remove = true;
            }

            uint hash = HashIndex.Hash(id);
            int index;
            int oldKind;
            long oldOffset;
            bool found = FindEntry(id, hash, out index, out oldKind, out oldOffset);
            if (remove)
            {
                if (found)
                {
                    _index.Hash.Remove(hash, index, oldKind);
                }
            }
            else if (found)
            {
                _index.Hash.Replace(hash, index, oldKind, (uint)offset, kind);
            }
            else
            {
                if (_index.Hash.ShouldGrowBeforeAdding(hash))
                {
                    _index.Grow((uint)covered);
                }

                _index.Hash.Add(hash, (uint)offset, kind);
            }
        }

        /// <summary>Notes a record's seq in the seq index: in log order only.</summary>
        private void NoteSeq(uint seq, long offset)
        {
            if (seq != 0)
            {
                _index.Seq.Note(seq, (uint)offset);
                if (seq > _index.LastSeq)
                {
                    _index.LastSeq = seq;
                }
            }
        }

        private static void SortByPage(uint[] pages, int[] positions)
        {
            for (int i = 1; i < pages.Length; i++)
            {
                uint page = pages[i];
                int position = positions[i];
                int j = i - 1;
                while (j >= 0 && pages[j] > page)
                {
                    pages[j + 1] = pages[j];
                    positions[j + 1] = positions[j];
                    j--;
                }

                pages[j + 1] = page;
                positions[j + 1] = position;
            }
        }

        /// <summary>Finds the index entry of an id (confirming the id in the record it points at).</summary>
        private bool FindEntry(byte[] id, uint hash, out int index, out int kind, out long offset)
        {
            int cursor = 0;
            uint entryOffset;
            while (_index.Hash.FindNext(hash, ref cursor, out entryOffset, out kind))
            {
                if (entryOffset < FileHeader.Size || entryOffset >= _log.Length)
                {
                    throw new IndexDamagedException(_index.Directory);
                }

                int same = _log.CompareIdAt(entryOffset, id);
                if (same == 0 && !_log.IsSoundFrame(entryOffset))
                {
                    same = -1;
                }

                if (same < 0)
                {
                    throw new StoreCorruptedException(_log.Path, entryOffset, "record fails its check");
                }

                if (same == 1)
                {
                    index = cursor - 1;
                    offset = entryOffset;
                    return true;
                }
            }

            index = -1;
            kind = 0;
            offset = -1;
            return false;
        }

        /// <summary>Reads the latest record of an id into the log buffer (parsed into <paramref name="rh"/>); false when the id has none.</summary>
        private bool ReadLatest(byte[] id, RecordHeader rh, out long offset, out int length)
        {
            int index;
            int kind;
            length = 0;
            if (!FindEntry(id, HashIndex.Hash(id), out index, out kind, out offset))
            {
                return false;
            }

            length = ReadRecordAt(offset, rh);
            if (!rh.IdEquals(_log.Buffer, id))
            {
                throw new StoreCorruptedException(_log.Path, offset, "record id differs from its head");
            }

            return true;
        }

        /// <summary>Reads and parses a record the index points at; anything unsound is corruption.</summary>
        private int ReadRecordAt(long offset, RecordHeader rh)
        {
            int length = _log.ReadExisting(offset);
            if (!rh.TryParse(_log.Buffer, 0, length))
            {
                throw new StoreCorruptedException(_log.Path, offset, "malformed record");
            }

            return length;
        }

        /// <summary>
        /// After records were appended and synced: index them, checkpoint when due. Seqs are noted in log order; the
        /// hash entries are applied page by page (a commit's documents share pages), with growth checkpoints covering
        /// only what precedes the commit.
        /// </summary>
        private void IndexAppended(byte[] frames, int count, long start)
        {
            int n = 0;
            for (int pos = 0; pos < count; n++)
            {
                int length;
                Frame.TryReadHeader(frames, pos, out length);
                pos += Frame.Overhead + length;
            }

            int[] positions = new int[n];
            uint[] pages = new uint[n];
            RecordHeader rh = new RecordHeader();
            int k = 0;
            for (int pos = 0; pos < count; k++)
            {
                int length;
                Frame.TryReadHeader(frames, pos, out length);
                rh.TryParse(frames, pos + Frame.HeaderSize, length);
                NoteSeq(rh.Seq, start + pos);
                positions[k] = pos;
                pages[k] = HashIndex.Hash(frames, rh.IdOffset, rh.IdLength) & (uint)(_index.Hash.PageCount - 1);
                pos += Frame.Overhead + length;
            }

            SortByPage(pages, positions);
            for (int i = 0; i < n; i++)
            {
                int pos = positions[i];
                int length;
                Frame.TryReadHeader(frames, pos, out length);
                rh.TryParse(frames, pos + Frame.HeaderSize, length);
                ApplyEntry(rh, frames, start + pos, start);
            }

            _validEnd = start + count;
            _recordsSinceCheckpoint += n;
            if (_validEnd - _index.Covered >= _storeOptions.CheckpointBytes
                || (_storeOptions.CheckpointRecords > 0 && _recordsSinceCheckpoint >= _storeOptions.CheckpointRecords))
            {
                _recordsSinceCheckpoint = 0;
                TryCheckpoint((uint)_validEnd);
            }
        }
    }
}
