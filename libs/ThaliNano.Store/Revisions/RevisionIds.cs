namespace ThaliNano.Store.Revisions
{
    /// <summary>
    /// Revision hashes ("ids", the part after "N-") in their stored form: either 16 raw bytes that stand for
    /// 32 lowercase hex characters, or the ASCII bytes of any other id of 1..64 characters [0-9A-Za-z].
    /// Shared by <see cref="Revision"/> and the packed nodes of <see cref="RevisionTree"/>.
    /// </summary>
    internal static class RevisionIds
    {
        public const int BinaryLength = 16;
        public const int MaxTextLength = 64;
        private const string HexDigits = "0123456789abcdef";

        public static int TextLength(bool raw, int storedLength)
        {
            return raw ? storedLength : storedLength * 2;
        }

        /// <summary>The k-th character of the id's text as an ASCII code.</summary>
        public static int CharAt(byte[] id, int offset, bool raw, int k)
        {
            if (raw)
            {
                return id[offset + k];
            }

            int b = id[offset + (k >> 1)];
            return HexDigits[(k & 1) == 0 ? b >> 4 : b & 0xF];
        }

        /// <summary>Ordinal comparison of the two ids' texts (what CouchDB and PouchDB compare).</summary>
        public static int Compare(byte[] a, int aOffset, int aLength, bool aRaw, byte[] b, int bOffset, int bLength, bool bRaw)
        {
            if (!aRaw && !bRaw)
            {
                // Equal-length lowercase hex sorts like its bytes.
                for (int i = 0; i < BinaryLength; i++)
                {
                    int d = a[aOffset + i] - b[bOffset + i];
                    if (d != 0)
                    {
                        return d;
                    }
                }

                return 0;
            }

            int aText = TextLength(aRaw, aLength);
            int bText = TextLength(bRaw, bLength);
            int n = aText < bText ? aText : bText;
            for (int k = 0; k < n; k++)
            {
                int d = CharAt(a, aOffset, aRaw, k) - CharAt(b, bOffset, bRaw, k);
                if (d != 0)
                {
                    return d;
                }
            }

            return aText - bText;
        }

        public static bool Equal(byte[] a, int aOffset, int aLength, bool aRaw, byte[] b, int bOffset, int bLength, bool bRaw)
        {
            if (aRaw != bRaw || aLength != bLength)
            {
                return false;
            }

            for (int i = 0; i < aLength; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsIdChar(int c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        public static bool IsLowerHex(int c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }

        /// <summary>True when raw ASCII bytes are exactly 32 lowercase hex characters (which must be stored binary).</summary>
        public static bool IsCanonicalHex(byte[] ascii, int offset, int length)
        {
            if (length != 2 * BinaryLength)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (!IsLowerHex(ascii[offset + i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
