namespace ThaliNano.Store.Index
{
    /// <summary>
    /// The sparse seq -> offset index: one (seq, offset) entry for the first record with a seq in every
    /// <see cref="Stride"/> bytes of log, so a changes feed starts at most one stride before its first row.
    /// Entries are in log order, so seqs increase: lookups are a binary search over fixed-size pages.
    /// </summary>
    internal sealed class SeqIndex
    {
        public const uint Stride = 4096;
        private readonly PageCache _pages;

        public SeqIndex(PageCache pages)
        {
            _pages = pages;
        }

        public int Count { get; set; }

        /// <summary>Offset of the last entry (meaningless while <see cref="Count"/> is 0).</summary>
        public uint LastOffset { get; set; }

        public void Note(uint seq, uint offset)
        {
            if (Count > 0 && offset / Stride <= LastOffset / Stride)
            {
                return;
            }

            int per = _pages.EntriesPerPage;
            int slot = _pages.Load(PageCache.SeqPage(Count / per));
            _pages.Set(slot, Count % per, seq, offset);
            _pages.SetCount(slot, Count % per + 1);
            Count++;
            LastOffset = offset;
        }

        /// <summary>Offset of the last entry whose seq is at most <paramref name="since"/>; 0 when there is none.</summary>
        public uint FindStart(uint since)
        {
            int lo = 0;
            int hi = Count - 1;
            uint best = 0;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                uint seq;
                uint offset;
                Entry(mid, out seq, out offset);
                if (seq <= since)
                {
                    best = offset;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return best;
        }

        private void Entry(int i, out uint seq, out uint offset)
        {
            int per = _pages.EntriesPerPage;
            int slot = _pages.Load(PageCache.SeqPage(i / per));
            if (i % per >= _pages.Count(slot))
            {
                throw new IndexDamagedException(_pages.PagePath(PageCache.SeqPage(i / per)));
            }

            seq = _pages.Key(slot, i % per);
            offset = _pages.Value(slot, i % per);
        }
    }
}
