using System;
using ThaliNano.Hashing;
using ThaliNano.Text;

namespace ThaliNano.Store.Revisions
{
    /// <summary>
    /// A CouchDB revision "N-hash": generation N (1 or more) and a hash. The hash is normally 32 lowercase hex
    /// characters, kept as 16 bytes; ids that other replicators send with new_edits=false ("1-a", uuids) are
    /// accepted when they are 1..64 characters of [0-9A-Za-z] and kept as their ASCII bytes.
    /// default(Revision) is <see cref="None"/> ("no revision").
    /// </summary>
    public struct Revision
    {
        /// <summary>The largest generation accepted (CouchDB has no limit; ours must fit an int).</summary>
        public const int MaxGeneration = int.MaxValue;

        /// <summary>The longest "N-hash" text: 10 digits, '-', 64 id characters.</summary>
        public const int MaxTextLength = 10 + 1 + RevisionIds.MaxTextLength;

        private static readonly object s_hashLock = new object();
        private static Sha256 s_sha;
        private static byte[] s_scratch;

        private readonly int _generation;
        private readonly byte[] _id;
        private readonly bool _raw;

        internal Revision(int generation, byte[] id, bool raw)
        {
            _generation = generation;
            _id = id;
            _raw = raw;
        }

        /// <summary>No revision (generation 0); what a document without history has as parent.</summary>
        public static Revision None
        {
            get { return default(Revision); }
        }

        public bool IsNone
        {
            get { return _generation == 0; }
        }

        public int Generation
        {
            get { return _generation; }
        }

        /// <summary>True when the hash is the usual 32 lowercase hex characters (stored as 16 bytes).</summary>
        public bool IsHexHash
        {
            get { return _generation != 0 && !_raw; }
        }

        /// <summary>The hash text without "N-": an entry of "_revisions.ids".</summary>
        public string Hash
        {
            get
            {
                if (_generation == 0)
                {
                    return string.Empty;
                }

                char[] chars = new char[RevisionIds.TextLength(_raw, _id.Length)];
                for (int k = 0; k < chars.Length; k++)
                {
                    chars[k] = (char)RevisionIds.CharAt(_id, 0, _raw, k);
                }

                return new string(chars);
            }
        }

        internal byte[] IdBytes
        {
            get { return _id; }
        }

        internal bool IsRaw
        {
            get { return _raw; }
        }

        /// <summary>Parses "N-hash"; throws <see cref="FormatException"/> ("invalid rev format") otherwise.</summary>
        public static Revision Parse(string text)
        {
            Revision rev;
            if (!TryParse(text, out rev))
            {
                throw new FormatException("invalid rev format: " + Describe(text));
            }

            return rev;
        }

        public static bool TryParse(string text, out Revision revision)
        {
            revision = default(Revision);
            if (text == null)
            {
                return false;
            }

            int dash = text.IndexOf('-');
            if (dash <= 0)
            {
                return false;
            }

            int generation = ParseGeneration(text, dash);
            return generation > 0 && TryCreate(generation, text, dash + 1, out revision);
        }

        /// <summary>
        /// A revision from "_revisions" parts: generation and hash text without "N-".
        /// Throws <see cref="FormatException"/> ("invalid rev format") when they are not valid.
        /// </summary>
        public static Revision FromParts(int generation, string hash)
        {
            Revision rev;
            if (generation < 1 || hash == null || !TryCreate(generation, hash, 0, out rev))
            {
                throw new FormatException("invalid rev format: " + Describe(hash == null ? null : generation.ToString() + "-" + hash));
            }

            return rev;
        }

        /// <summary>A revision whose hash is 16 raw bytes (32 hex characters when printed).</summary>
        public static Revision FromHashBytes(int generation, byte[] hash, int offset)
        {
            if (generation < 1)
            {
                throw new ArgumentOutOfRangeException("generation");
            }

            if (hash == null || offset < 0 || offset > hash.Length - RevisionIds.BinaryLength)
            {
                throw new ArgumentException("16 hash bytes needed", "hash");
            }

            byte[] id = new byte[RevisionIds.BinaryLength];
            Array.Copy(hash, offset, id, 0, RevisionIds.BinaryLength);
            return new Revision(generation, id, false);
        }

        /// <summary>
        /// The deterministic revision of an edit: generation = parent's + 1 (1 without parent); hash = the first
        /// 16 bytes of SHA-256 over: the parent's "N-hash" text in ASCII (nothing without parent), one 0x00 byte,
        /// one byte 0x01 if the edit deletes the document else 0x00, then the body bytes. Two hubs that make the
        /// same edit compute the same revision.
        /// </summary>
        public static Revision Compute(Revision parentOrNone, bool deleted, byte[] body, int offset, int count)
        {
            int parentGeneration = parentOrNone._generation;
            byte[] parentId = parentOrNone._id;
            int parentLength = parentId == null ? 0 : parentId.Length;
            return Compute(parentGeneration, parentId, 0, parentLength, parentOrNone._raw, deleted, body, offset, count);
        }

        internal static Revision Compute(int parentGeneration, byte[] parentId, int parentOffset, int parentLength,
            bool parentRaw, bool deleted, byte[] body, int offset, int count)
        {
            if (body == null || offset < 0 || count < 0 || offset > body.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "offset and count must lie within the body");
            }

            if (parentGeneration >= MaxGeneration)
            {
                throw new InvalidOperationException("revision generation overflow");
            }

            byte[] id = new byte[RevisionIds.BinaryLength];
            lock (s_hashLock)
            {
                if (s_sha == null)
                {
                    s_sha = new Sha256();
                    s_scratch = new byte[Sha256.HashSizeInBytes + MaxTextLength + 2];
                }

                int n = 0;
                if (parentGeneration > 0)
                {
                    n = WriteText(parentGeneration, parentId, parentOffset, parentLength, parentRaw, s_scratch, 0);
                }

                s_scratch[n++] = 0;
                s_scratch[n++] = deleted ? (byte)1 : (byte)0;
                s_sha.Append(s_scratch, 0, n);
                s_sha.Append(body, offset, count);
                s_sha.GetHashAndReset(s_scratch, 0);
                Array.Copy(s_scratch, 0, id, 0, RevisionIds.BinaryLength);
            }

            return new Revision(parentGeneration + 1, id, false);
        }

        /// <summary>Length of the "N-hash" text in characters (= ASCII bytes).</summary>
        public int GetTextLength()
        {
            if (_generation == 0)
            {
                return 0;
            }

            return DigitCount(_generation) + 1 + RevisionIds.TextLength(_raw, _id.Length);
        }

        /// <summary>Writes "N-hash" as ASCII into destination; returns the number of bytes written.</summary>
        public int WriteText(byte[] destination, int offset)
        {
            if (_generation == 0)
            {
                return 0;
            }

            if (destination == null || offset < 0 || offset > destination.Length - GetTextLength())
            {
                throw new ArgumentOutOfRangeException("offset", "the destination is too small");
            }

            return WriteText(_generation, _id, 0, _id.Length, _raw, destination, offset);
        }

        internal static int WriteText(int generation, byte[] id, int idOffset, int idLength, bool raw, byte[] destination, int offset)
        {
            int digits = DigitCount(generation);
            int g = generation;
            for (int i = digits - 1; i >= 0; i--)
            {
                destination[offset + i] = (byte)('0' + g % 10);
                g /= 10;
            }

            int n = digits;
            destination[offset + n++] = (byte)'-';
            int textLength = RevisionIds.TextLength(raw, idLength);
            for (int k = 0; k < textLength; k++)
            {
                destination[offset + n++] = (byte)RevisionIds.CharAt(id, idOffset, raw, k);
            }

            return n;
        }

        /// <summary>CouchDB order: generation, then the hash compared as a string (ordinal).</summary>
        public static int Compare(Revision a, Revision b)
        {
            if (a._generation != b._generation)
            {
                return a._generation < b._generation ? -1 : 1;
            }

            if (a._generation == 0)
            {
                return 0;
            }

            int c = RevisionIds.Compare(a._id, 0, a._id.Length, a._raw, b._id, 0, b._id.Length, b._raw);
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }

        public int CompareTo(Revision other)
        {
            return Compare(this, other);
        }

        public bool Equals(Revision other)
        {
            if (_generation != other._generation)
            {
                return false;
            }

            return _generation == 0
                || RevisionIds.Equal(_id, 0, _id.Length, _raw, other._id, 0, other._id.Length, other._raw);
        }

        public override bool Equals(object obj)
        {
            return obj is Revision && Equals((Revision)obj);
        }

        public override int GetHashCode()
        {
            int h = _generation;
            if (_id != null)
            {
                for (int i = 0; i < _id.Length; i++)
                {
                    h = h * 31 + _id[i];
                }
            }

            return h;
        }

        public static bool operator ==(Revision a, Revision b)
        {
            return a.Equals(b);
        }

        public static bool operator !=(Revision a, Revision b)
        {
            return !a.Equals(b);
        }

        /// <summary>"N-hash"; the empty string for <see cref="None"/>.</summary>
        public override string ToString()
        {
            if (_generation == 0)
            {
                return string.Empty;
            }

            return _generation.ToString() + "-" + Hash;
        }

        private static bool TryCreate(int generation, string text, int start, out Revision revision)
        {
            revision = default(Revision);
            int length = text.Length - start;
            if (length < 1 || length > RevisionIds.MaxTextLength)
            {
                return false;
            }

            bool hex = length == 2 * RevisionIds.BinaryLength;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (!RevisionIds.IsIdChar(c))
                {
                    return false;
                }

                hex = hex && RevisionIds.IsLowerHex(c);
            }

            byte[] id;
            if (hex)
            {
                id = new byte[RevisionIds.BinaryLength];
                for (int i = 0; i < id.Length; i++)
                {
                    id[i] = (byte)((Hex.DigitValue(text[start + 2 * i]) << 4) | Hex.DigitValue(text[start + 2 * i + 1]));
                }
            }
            else
            {
                id = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    id[i] = (byte)text[start + i];
                }
            }

            revision = new Revision(generation, id, !hex);
            return true;
        }

        /// <summary>The canonical decimal generation in text[0..end), or 0 when it is not one (no sign, no leading zero).</summary>
        private static int ParseGeneration(string text, int end)
        {
            if (end > 10 || text[0] == '0')
            {
                return 0;
            }

            long value = 0;
            for (int i = 0; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                value = value * 10 + (c - '0');
            }

            return value > MaxGeneration ? 0 : (int)value;
        }

        private static int DigitCount(int value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }

            return digits;
        }

        private static string Describe(string text)
        {
            if (text == null)
            {
                return "(null)";
            }

            return text.Length <= MaxTextLength ? "\"" + text + "\"" : "\"" + text.Substring(0, MaxTextLength) + "...\"";
        }
    }
}
