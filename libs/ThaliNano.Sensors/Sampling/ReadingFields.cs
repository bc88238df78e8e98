using System;

namespace ThaliNano.Sensors.Sampling
{
    /// <summary>
    /// The named values of one reading, each in hundredths of its unit, filled by a sensor and turned into document
    /// fields in order. Reused for every reading: holds up to <see cref="Capacity"/> values and allocates nothing.
    /// </summary>
    public sealed class ReadingFields
    {
        public const int Capacity = 4;

        private readonly string[] _names = new string[Capacity];
        private readonly long[] _hundredths = new long[Capacity];

        public int Count { get; private set; }

        /// <summary>name: a constant JSON-safe field name ("celsius"); hundredths: 2153 for 21.53.</summary>
        public void Add(string name, long hundredths)
        {
            if (name == null)
            {
                throw new ArgumentNullException("name");
            }

            if (Count == Capacity)
            {
                throw new InvalidOperationException("a reading holds at most 4 values");
            }

            _names[Count] = name;
            _hundredths[Count] = hundredths;
            Count++;
        }

        public string NameAt(int index)
        {
            CheckIndex(index);
            return _names[index];
        }

        public long HundredthsAt(int index)
        {
            CheckIndex(index);
            return _hundredths[index];
        }

        public void Clear()
        {
            Count = 0;
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException("index");
            }
        }
    }
}
