using System;

namespace ThaliNano.Json
{
    // STAND-IN until branch `json` lands (see JsonToken.cs).

    /// <summary>Bounds a <see cref="JsonReader"/> enforces while it reads, so that hostile input cannot exhaust the heap.</summary>
    internal sealed class JsonLimits
    {
        public const int DefaultMaxDepth = 32;
        public const int DefaultMaxStringLength = 4096;
        public const int DefaultMaxNumberLength = 64;

        private int _maxDepth = DefaultMaxDepth;
        private int _maxStringLength = DefaultMaxStringLength;
        private int _maxNumberLength = DefaultMaxNumberLength;

        /// <summary>How many objects and arrays may be open at once.</summary>
        public int MaxDepth
        {
            get { return _maxDepth; }
            set { _maxDepth = Positive(value, "MaxDepth"); }
        }

        /// <summary>Longest string or property name, in bytes as written between the quotes.</summary>
        public int MaxStringLength
        {
            get { return _maxStringLength; }
            set { _maxStringLength = Positive(value, "MaxStringLength"); }
        }

        /// <summary>Longest number, in bytes.</summary>
        public int MaxNumberLength
        {
            get { return _maxNumberLength; }
            set { _maxNumberLength = Positive(value, "MaxNumberLength"); }
        }

        private static int Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, "a limit must be positive");
            }

            return value;
        }
    }
}
