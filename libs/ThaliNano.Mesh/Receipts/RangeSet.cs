using System;
using System.Text;
using ThaliNano.Mesh.Wire;

namespace ThaliNano.Mesh.Receipts
{
    /// <summary>
    /// A set of sequence numbers in [1, 2^32 - 1], kept compact: every number up to <see cref="Contiguous"/>, plus at
    /// most <see cref="MaxRanges"/> disjoint, non-adjacent ranges above it. When a union would need more ranges the
    /// highest are dropped (<see cref="WasTruncated"/>): a receipt may then claim less than was delivered, never more.
    /// The range arrays grow with use up to the limit: a sensor's state keeps many sets sized for 255 ranges that mostly
    /// hold none.
    /// </summary>
    public sealed class RangeSet
    {
        public const int DefaultMaxRanges = 16;
        public const int MaxRangesLimit = 255;
        public const long MaxValue = uint.MaxValue;

        private const int InitialCapacity = 4;

        private long[] _first;
        private long[] _last;

        public RangeSet()
            : this(DefaultMaxRanges)
        {
        }

        public RangeSet(int maxRanges)
        {
            if (maxRanges < 0 || maxRanges > MaxRangesLimit)
            {
                throw new ArgumentOutOfRangeException("maxRanges");
            }

            MaxRanges = maxRanges;
            int capacity = maxRanges + 1 < InitialCapacity ? maxRanges + 1 : InitialCapacity;
            _first = new long[capacity];
            _last = new long[capacity];
        }

        public int MaxRanges { get; }

        /// <summary>Every number in [1, Contiguous] is in the set (0: none).</summary>
        public long Contiguous { get; private set; }

        /// <summary>Ranges above <see cref="Contiguous"/> + 1.</summary>
        public int RangeCount { get; private set; }

        /// <summary>True once a union dropped ranges for lack of room.</summary>
        public bool WasTruncated { get; private set; }

        /// <summary>How many numbers the set holds.</summary>
        public long Count
        {
            get
            {
                long count = Contiguous;
                for (int i = 0; i < RangeCount; i++)
                {
                    count += _last[i] - _first[i] + 1;
                }

                return count;
            }
        }

        public bool IsEmpty
        {
            get { return Contiguous == 0 && RangeCount == 0; }
        }

        /// <summary>The i-th range above <see cref="Contiguous"/>, ascending.</summary>
        public void GetRange(int index, out long first, out long last)
        {
            if (index < 0 || index >= RangeCount)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            first = _first[index];
            last = _last[index];
        }

        public bool Contains(long value)
        {
            return ContainsRange(value, value);
        }

        /// <summary>True when every number of [first, last] is in the set.</summary>
        public bool ContainsRange(long first, long last)
        {
            if (first < 1 || last < first || last > MaxValue)
            {
                return false;
            }

            if (last <= Contiguous)
            {
                return true;
            }

            for (int i = 0; i < RangeCount; i++)
            {
                if (first >= _first[i] && last <= _last[i])
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(long value)
        {
            AddRange(value, value);
        }

        /// <summary>Adds [first, last] (1 &lt;= first &lt;= last &lt;= 2^32 - 1).</summary>
        public void AddRange(long first, long last)
        {
            if (first < 1 || last < first || last > MaxValue)
            {
                throw new ArgumentOutOfRangeException("first", "a range lies within [1, 2^32 - 1] and does not end before it starts");
            }

            if (last <= Contiguous)
            {
                return;
            }

            if (first <= Contiguous + 1)
            {
                Contiguous = last;
            }
            else
            {
                Insert(first, last);
            }

            Normalize();
        }

        public void UnionWith(RangeSet other)
        {
            if (other == null)
            {
                throw new ArgumentNullException("other");
            }

            if (other.Contiguous > 0)
            {
                AddRange(1, other.Contiguous);
            }

            for (int i = 0; i < other.RangeCount; i++)
            {
                AddRange(other._first[i], other._last[i]);
            }
        }

        public RangeSet Clone()
        {
            RangeSet copy = new RangeSet(MaxRanges);
            copy.UnionWith(this);
            copy.WasTruncated = WasTruncated;
            return copy;
        }

        /// <summary>Same numbers (the limits may differ).</summary>
        public bool SetEquals(RangeSet other)
        {
            if (other == null || other.Contiguous != Contiguous || other.RangeCount != RangeCount)
            {
                return false;
            }

            for (int i = 0; i < RangeCount; i++)
            {
                if (other._first[i] != _first[i] || other._last[i] != _last[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>varint Contiguous, varint n, then per range varint (first - previous last - 2), varint (last - first).</summary>
        internal void WriteTo(WireWriter writer)
        {
            writer.WriteVarint(Contiguous);
            writer.WriteVarint(RangeCount);
            long previous = Contiguous;
            for (int i = 0; i < RangeCount; i++)
            {
                writer.WriteVarint(_first[i] - previous - 2);
                writer.WriteVarint(_last[i] - _first[i]);
                previous = _last[i];
            }
        }

        /// <summary>Reads <see cref="WriteTo"/>'s form; null when it breaks the format or has more than maxRanges ranges.</summary>
        internal static RangeSet ReadFrom(WireReader reader, int maxRanges)
        {
            RangeSet set = new RangeSet(maxRanges);
            set.Contiguous = reader.ReadVarint(MaxValue);
            int count = (int)reader.ReadVarint(maxRanges);
            set.Reserve(count);
            long previous = set.Contiguous;
            for (int i = 0; i < count && !reader.Failed; i++)
            {
                long first = previous + 2 + reader.ReadVarint(MaxValue);
                long last = first + reader.ReadVarint(MaxValue);
                if (last > MaxValue)
                {
                    return null;
                }

                set._first[i] = first;
                set._last[i] = last;
                previous = last;
            }

            set.RangeCount = count;
            return reader.Failed ? null : set;
        }

        public override string ToString()
        {
            StringBuilder text = new StringBuilder();
            text.Append("[1-").Append(Contiguous.ToString()).Append(']');
            for (int i = 0; i < RangeCount; i++)
            {
                text.Append(" [").Append(_first[i].ToString()).Append('-').Append(_last[i].ToString()).Append(']');
            }

            return text.ToString();
        }

        /// <summary>Places [first, last] (above Contiguous + 1) among the ranges, merging overlapping or adjacent ones.</summary>
        private void Insert(long first, long last)
        {
            int i = 0;
            while (i < RangeCount && _last[i] + 1 < first)
            {
                i++;
            }

            int j = i;
            while (j < RangeCount && _first[j] <= last + 1)
            {
                if (_first[j] < first)
                {
                    first = _first[j];
                }

                if (_last[j] > last)
                {
                    last = _last[j];
                }

                j++;
            }

            int removed = j - i;
            if (removed == 0)
            {
                Reserve(RangeCount + 1);
                Array.Copy(_first, i, _first, i + 1, RangeCount - i);
                Array.Copy(_last, i, _last, i + 1, RangeCount - i);
                RangeCount++;
            }
            else if (removed > 1)
            {
                Array.Copy(_first, j, _first, i + 1, RangeCount - j);
                Array.Copy(_last, j, _last, i + 1, RangeCount - j);
                RangeCount -= removed - 1;
            }

            _first[i] = first;
            _last[i] = last;
        }

        /// <summary>Makes room for <paramref name="count"/> ranges (at most one over the limit, before a union drops it).</summary>
        private void Reserve(int count)
        {
            if (count <= _first.Length)
            {
                return;
            }

            int capacity = _first.Length * 2 < count ? count : _first.Length * 2;
            if (capacity > MaxRanges + 1)
            {
                capacity = MaxRanges + 1;
            }

            long[] first = new long[capacity];
            long[] last = new long[capacity];
            Array.Copy(_first, first, RangeCount);
            Array.Copy(_last, last, RangeCount);
            _first = first;
            _last = last;
        }

        /// <summary>Folds ranges that reach Contiguous + 1 into it; drops the highest range when over the limit.</summary>
        private void Normalize()
        {
            int folded = 0;
            while (folded < RangeCount && _first[folded] <= Contiguous + 1)
            {
                if (_last[folded] > Contiguous)
                {
                    Contiguous = _last[folded];
                }

                folded++;
            }

            if (folded > 0)
            {
                Array.Copy(_first, folded, _first, 0, RangeCount - folded);
                Array.Copy(_last, folded, _last, 0, RangeCount - folded);
                RangeCount -= folded;
            }

            if (RangeCount > MaxRanges)
            {
                RangeCount = MaxRanges;
                WasTruncated = true;
            }
        }
    }
}
