using System;
using ThaliNano.Hashing;
using ThaliNano.Store.Format;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store.Index
{
    /// <summary>
    /// Fixed-size pages of 8-byte entries, one small file per page, for the two tables of an index: the id hash table's
    /// pages ("p.N", keys from <see cref="HashPage"/>) and the seq index's ("q.N", <see cref="SeqPage"/>). A fixed number
    /// of pages of either table is cached in RAM (least recently used goes first, written back when dirty, without sync: checkpoints sync). A slot's
    /// buffer holds its page's entries and a little room, not a whole page: it grows as entries are added, is made anew
    /// when a page it cannot hold or holds with much to spare comes in, and is given back by <see cref="ReleaseCleanSlots"/>.
    /// Page file: u16 entry count, u16 magic 0x5054 ("TP"), entries, u32 CRC-32 of all before; a missing file is an
    /// empty page. One file per page because nanoFramework on LittleFS cannot overwrite inside a file (every write
    /// appends), and because LittleFS rewrites a whole block on any change anyway.
    /// </summary>
    internal sealed class PageCache
    {
        public const int EntrySize = 8;
        private const int Magic = 0x5054;
        private const int HeaderSize = 4;

        // Buffers grow in steps of this many bytes (eight entries): a page filled one entry at a time is copied rarely.
        private const int Step = 64;

        private readonly IFileStorage _storage;
        private readonly string _directory;
        private readonly byte[][] _buffers;
        private readonly int[] _pages;
        private readonly int[] _counts;
        private readonly bool[] _dirty;
        private readonly long[] _lastUse;
        private long _tick;

        public PageCache(IFileStorage storage, string directory, int entriesPerPage, int capacity)
        {
            _storage = storage;
            _directory = directory;
            EntriesPerPage = entriesPerPage;
            _buffers = new byte[capacity][];
            _pages = new int[capacity];
            _counts = new int[capacity];
            _dirty = new bool[capacity];
            _lastUse = new long[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _pages[i] = -1;
            }
        }

        public int EntriesPerPage { get; private set; }

        public int Capacity
        {
            get { return _pages.Length; }
        }

        /// <summary>Bytes of page files written since creation (for write-amplification figures).</summary>
        public long BytesWritten { get; private set; }

        /// <summary>The cache key of page <paramref name="page"/> of the id hash table.</summary>
        public static int HashPage(int page)
        {
            return page << 1;
        }

        /// <summary>The cache key of page <paramref name="page"/> of the seq index.</summary>
        public static int SeqPage(int page)
        {
            return (page << 1) | 1;
        }

        public string PagePath(int key)
        {
            return StorageNames.Combine(_directory, ((key & 1) == 0 ? "p." : "q.") + (key >> 1).ToString());
        }

        /// <summary>Flash bytes a page file of <paramref name="count"/> entries takes.</summary>
        public static long FileSize(int count)
        {
            return HeaderSize + (long)count * EntrySize + 4;
        }

        /// <summary>Brings a page (its key) into the cache; returns its cache slot. Throws <see cref="IndexDamagedException"/>.</summary>
        public int Load(int page)
        {
            _tick++;
            int victim = 0;
            for (int i = 0; i < _pages.Length; i++)
            {
                if (_pages[i] == page)
                {
                    _lastUse[i] = _tick;
                    return i;
                }

                if (_lastUse[i] < _lastUse[victim])
                {
                    victim = i;
                }
            }

            WriteBack(victim);
            _pages[victim] = -1;
            _counts[victim] = ReadFile(page, victim);
            _pages[victim] = page;
            _dirty[victim] = false;
            _lastUse[victim] = _tick;
            return victim;
        }

        public int Count(int slot)
        {
            return _counts[slot];
        }

        public void SetCount(int slot, int count)
        {
            _counts[slot] = count;
            _dirty[slot] = true;
        }

        public uint Key(int slot, int index)
        {
            return LittleEndian.ReadUInt32(_buffers[slot], HeaderSize + index * EntrySize);
        }

        public uint Value(int slot, int index)
        {
            return LittleEndian.ReadUInt32(_buffers[slot], HeaderSize + index * EntrySize + 4);
        }

        public void Set(int slot, int index, uint key, uint value)
        {
            byte[] b = _buffers[slot];
            if (FileSize(index + 1) > b.Length)
            {
                byte[] larger = new byte[Room(index + 1 + (index >> 1))];
                Array.Copy(b, larger, b.Length);
                _buffers[slot] = larger;
                b = larger;
            }

            LittleEndian.WriteUInt32(b, HeaderSize + index * EntrySize, key);
            LittleEndian.WriteUInt32(b, HeaderSize + index * EntrySize + 4, value);
            _dirty[slot] = true;
        }

        /// <summary>Bytes the dirty pages' files will take when written back.</summary>
        public long DirtyBytes
        {
            get
            {
                long total = 0;
                for (int i = 0; i < _pages.Length; i++)
                {
                    if (_pages[i] >= 0 && _dirty[i])
                    {
                        total += FileSize(_counts[i]);
                    }
                }

                return total;
            }
        }

        /// <summary>Writes every dirty page (not synced).</summary>
        public void FlushAll()
        {
            for (int i = 0; i < _pages.Length; i++)
            {
                WriteBack(i);
            }
        }

        /// <summary>Bytes of the page buffers the slots hold now.</summary>
        public int BufferBytes
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _buffers.Length; i++)
                {
                    if (_buffers[i] != null)
                    {
                        total += _buffers[i].Length;
                    }
                }

                return total;
            }
        }

        /// <summary>
        /// Gives back the buffer of every slot without unwritten changes (a dirty slot keeps its page and buffer): a
        /// quiet index holds no pages, and its next lookup loads the page it needs into a new buffer.
        /// </summary>
        public void ReleaseCleanSlots()
        {
            for (int i = 0; i < _pages.Length; i++)
            {
                if (_pages[i] < 0 || !_dirty[i])
                {
                    Forget(i);
                    _buffers[i] = null;
                }
            }
        }

        /// <summary>Forgets every cached page without writing (after the page files were deleted).</summary>
        public void Clear()
        {
            for (int i = 0; i < _pages.Length; i++)
            {
                Forget(i);
            }
        }

        /// <summary>Empties a slot (its buffer stays for the next page).</summary>
        private void Forget(int slot)
        {
            _pages[slot] = -1;
            _dirty[slot] = false;
            _counts[slot] = 0;
            _lastUse[slot] = 0;
        }

        private void WriteBack(int slot)
        {
            if (_pages[slot] < 0 || !_dirty[slot])
            {
                return;
            }

            byte[] b = _buffers[slot];
            int count = _counts[slot];
            LittleEndian.WriteUInt16(b, 0, count);
            LittleEndian.WriteUInt16(b, 2, Magic);
            int crcAt = HeaderSize + count * EntrySize;
            LittleEndian.WriteUInt32(b, crcAt, Crc32.Compute(b, 0, crcAt));
            using (IStorageFile file = _storage.Create(PagePath(_pages[slot])))
            {
                file.Append(b, 0, crcAt + 4);
            }

            BytesWritten += crcAt + 4;
            _dirty[slot] = false;
        }

        /// <summary>Reads a page into the slot's buffer, fitting the buffer to it first; returns its entry count.</summary>
        private int ReadFile(int page, int slot)
        {
            string path = PagePath(page);
            if (!_storage.FileExists(path))
            {
                Fit(slot, 0);
                return 0;
            }

            using (IStorageFile file = _storage.Open(path))
            {
                long length = file.Length;
                if (length < HeaderSize + 4 || length > FileSize(EntriesPerPage))
                {
                    throw new IndexDamagedException(path);
                }

                int n = (int)length;
                byte[] b = Fit(slot, (n - HeaderSize - 4 + EntrySize - 1) / EntrySize);
                if (file.Read(0, b, 0, n) != n)
                {
                    throw new IndexDamagedException(path);
                }

                int count = LittleEndian.ReadUInt16(b, 0);
                if (LittleEndian.ReadUInt16(b, 2) != Magic || count > EntriesPerPage || FileSize(count) != n
                    || Crc32.Compute(b, 0, n - 4) != LittleEndian.ReadUInt32(b, n - 4))
                {
                    throw new IndexDamagedException(path);
                }

                return count;
            }
        }

        /// <summary>The slot's buffer, made anew unless it holds <paramref name="count"/> entries with at most twice the room needed.</summary>
        private byte[] Fit(int slot, int count)
        {
            int room = Room(count);
            byte[] b = _buffers[slot];
            if (b == null || b.Length < room || b.Length > 2 * room)
            {
                b = new byte[room];
                _buffers[slot] = b;
            }

            return b;
        }

        /// <summary>Buffer bytes for <paramref name="count"/> entries: rounded up to a step, at most a whole page.</summary>
        private int Room(int count)
        {
            long need = FileSize(count < EntriesPerPage ? count : EntriesPerPage);
            long rounded = (need + Step - 1) / Step * Step;
            long whole = FileSize(EntriesPerPage);
            return (int)(rounded < whole ? rounded : whole);
        }
    }
}
