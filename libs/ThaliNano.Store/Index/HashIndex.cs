namespace ThaliNano.Store.Index
{
    /// <summary>
    /// The on-flash hash table id -> offset of the document's latest record. Page = low bits of the id's 32-bit
    /// FNV-1a hash (page count is a power of two); an entry is (hash, offset &lt;&lt; 2 | kind). Ids are confirmed by
    /// reading the record the entry points at, so hash collisions are harmless. Growing splits every page in two by
    /// the next hash bit, using the full hashes kept in the entries (no log access).
    /// </summary>
    internal sealed class HashIndex
    {
        public const int KindLive = 0;
        public const int KindDeleted = 1;
        public const int KindLocal = 2;
        public const uint MaxOffset = 0x3FFFFFFF;

        private readonly PageCache _pages;

        public HashIndex(PageCache pages)
        {
            _pages = pages;
            PageCount = 1;
        }

        public int PageCount { get; set; }

        public int EntryCount { get; set; }

        public int LiveDocs { get; set; }

        public int DeletedDocs { get; set; }

        public int LocalDocs { get; set; }

        /// <summary>True when adding one more entry should first grow the table (load over 5/8, or the page is full).</summary>
        public bool ShouldGrowBeforeAdding(uint hash)
        {
            if ((long)(EntryCount + 1) * 8 > (long)PageCount * _pages.EntriesPerPage * 5)
            {
                return true;
            }

            int slot = _pages.Load(PageCache.HashPage(PageOf(hash)));
            return _pages.Count(slot) >= _pages.EntriesPerPage;
        }

        /// <summary>True when the page of this hash cannot take another entry.</summary>
        public bool PageFull(uint hash)
        {
            int slot = _pages.Load(PageCache.HashPage(PageOf(hash)));
            return _pages.Count(slot) >= _pages.EntriesPerPage;
        }

        /// <summary>The smallest page count that holds <paramref name="entries"/> below the growth load (5/8).</summary>
        public int PagesFor(long entries)
        {
            int pages = 1;
            while ((long)pages * _pages.EntriesPerPage * 5 < entries * 8)
            {
                pages *= 2;
            }

            return pages;
        }

        public static uint Hash(byte[] id)
        {
            return Hash(id, 0, id.Length);
        }

        /// <summary>The hash of the id held in b[offset .. offset + count) (a record's head, without copying it).</summary>
        public static uint Hash(byte[] b, int offset, int count)
        {
            uint h = 2166136261;
            for (int i = offset; i < offset + count; i++)
            {
                h = (h ^ b[i]) * 16777619;
            }

            return h;
        }

        /// <summary>
        /// Next entry with this hash at or after <paramref name="cursor"/> (start with 0). On true, the entry's index is
        /// cursor - 1 (pass it to <see cref="Replace"/> or <see cref="Remove"/>).
        /// </summary>
        public bool FindNext(uint hash, ref int cursor, out uint offset, out int kind)
        {
            int slot = _pages.Load(PageCache.HashPage(PageOf(hash)));
            int count = _pages.Count(slot);
            for (int i = cursor; i < count; i++)
            {
                if (_pages.Key(slot, i) == hash)
                {
                    uint value = _pages.Value(slot, i);
                    offset = value >> 2;
                    kind = (int)(value & 3);
                    cursor = i + 1;
                    return true;
                }
            }

            cursor = count;
            offset = 0;
            kind = 0;
            return false;
        }

        /// <summary>Adds an entry; the caller has grown the table if <see cref="ShouldGrowBeforeAdding"/> said so.</summary>
        public void Add(uint hash, uint offset, int kind)
        {
            int slot = _pages.Load(PageCache.HashPage(PageOf(hash)));
            int count = _pages.Count(slot);
            _pages.Set(slot, count, hash, (offset << 2) | (uint)kind);
            _pages.SetCount(slot, count + 1);
            EntryCount++;
            Tally(kind, 1);
        }

        public void Replace(uint hash, int index, int oldKind, uint offset, int kind)
        {
            int slot = _pages.Load(PageCache.HashPage(PageOf(hash)));
            _pages.Set(slot, index, hash, (offset << 2) | (uint)kind);
            Tally(oldKind, -1);
            Tally(kind, 1);
        }

        public void Remove(uint hash, int index, int oldKind)
        {
            int slot = _pages.Load(PageCache.HashPage(PageOf(hash)));
            int last = _pages.Count(slot) - 1;
            if (index != last)
            {
                _pages.Set(slot, index, _pages.Key(slot, last), _pages.Value(slot, last));
            }

            _pages.SetCount(slot, last);
            EntryCount--;
            Tally(oldKind, -1);
        }

        /// <summary>Doubles the page count, splitting page p into p and p + old count.</summary>
        public void Grow()
        {
            int old = PageCount;
            uint bit = (uint)old;
            for (int p = 0; p < old; p++)
            {
                int low = _pages.Load(PageCache.HashPage(p));
                int high = _pages.Load(PageCache.HashPage(p + old));
                low = _pages.Load(PageCache.HashPage(p));
                int keep = 0;
                int moved = 0;
                int count = _pages.Count(low);
                for (int i = 0; i < count; i++)
                {
                    uint key = _pages.Key(low, i);
                    uint value = _pages.Value(low, i);
                    if ((key & bit) != 0)
                    {
                        _pages.Set(high, moved++, key, value);
                    }
                    else
                    {
                        _pages.Set(low, keep++, key, value);
                    }
                }

                _pages.SetCount(low, keep);
                _pages.SetCount(high, moved);
            }

            PageCount = old * 2;
        }

        /// <summary>Recomputes every counter from the pages (after replaying the log over pages of unknown age).</summary>
        public void Recount()
        {
            EntryCount = 0;
            LiveDocs = 0;
            DeletedDocs = 0;
            LocalDocs = 0;
            for (int p = 0; p < PageCount; p++)
            {
                int slot = _pages.Load(PageCache.HashPage(p));
                int count = _pages.Count(slot);
                for (int i = 0; i < count; i++)
                {
                    EntryCount++;
                    Tally((int)(_pages.Value(slot, i) & 3), 1);
                }
            }
        }

        public int PageOf(uint hash)
        {
            return (int)(hash & (uint)(PageCount - 1));
        }

        private void Tally(int kind, int delta)
        {
            if (kind == KindLive)
            {
                LiveDocs += delta;
            }
            else if (kind == KindDeleted)
            {
                DeletedDocs += delta;
            }
            else
            {
                LocalDocs += delta;
            }
        }
    }
}
