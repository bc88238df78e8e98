using ThaliNano.Hashing;
using ThaliNano.Store.Format;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store.Index
{
    /// <summary>
    /// Fixed-size pages of 8-byte entries, one small file per page (prefix + page number), with a fixed number of pages
    /// cached in RAM (least recently used goes first, written back when dirty, without sync: checkpoints sync; each slot's
    /// buffer is allocated when the slot is first used, and given back by <see cref="ReleaseCleanSlots"/>).
    /// Page file: u16 entry count, u16 magic 0x5054 ("TP"), entries, u32 CRC-32 of all before; a missing file is an
    /// empty page. One file per page because nanoFramework on LittleFS cannot overwrite inside a file (every write
    /// appends), and because LittleFS rewrites a whole block on any change anyway.
    /// </summary>
    internal sealed class PageCache
    {
        public const int EntrySize = 8;
        private const int Magic = 0x5054;
        private const int HeaderSize = 4;

        private readonly IFileStorage _storage;
        private readonly string _prefix;
        private readonly byte[][] _buffers;
        private readonly int[] _pages;
        private readonly int[] _counts;
        private readonly bool[] _dirty;
        private readonly long[] _lastUse;
        private long _tick;

        public PageCache(IFileStorage storage, string prefix, int entriesPerPage, int capacity)
        {
            _storage = storage;
            _prefix = prefix;
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

        public string PagePath(int page)
        {
            return _prefix + page.ToString();
        }

        /// <summary>Flash bytes a page file of <paramref name="count"/> entries takes.</summary>
        public static long FileSize(int count)
        {
            return HeaderSize + (long)count * EntrySize + 4;
        }

        /// <summary>Brings a page into the cache; returns its cache slot. Throws <see cref="IndexDamagedException"/>.</summary>
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
            if (_buffers[victim] == null)
            {
                // A slot's buffer is made when it first holds a page: an index that never needs all its slots (a small
                // database's seq index fits one page) does not pay for the rest (measured by the whole-hub memory benchmark).
                _buffers[victim] = new byte[HeaderSize + EntriesPerPage * EntrySize + 4];
            }

            _counts[victim] = ReadFile(page, _buffers[victim]);
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

        private int ReadFile(int page, byte[] b)
        {
            string path = PagePath(page);
            if (!_storage.FileExists(path))
            {
                return 0;
            }

            using (IStorageFile file = _storage.Open(path))
            {
                long length = file.Length;
                if (length < HeaderSize + 4 || length > b.Length)
                {
                    throw new IndexDamagedException(path);
                }

                int n = (int)length;
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
    }
}
