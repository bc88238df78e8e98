using System;
using System.Text;

namespace ThaliNano.Http.Parsing
{
    /// <summary>The bytes of one protocol line; grows on demand up to the caller's limit and shrinks between requests.</summary>
    internal sealed class LineBuffer
    {
        // Most lines are short; a ThaliKey or a long target line doubles it for the head, and the head's end shrinks it.
        private const int InitialCapacity = 64;

        private byte[] _bytes = new byte[InitialCapacity];
        private int _length;

        public byte[] Bytes
        {
            get { return _bytes; }
        }

        public int Length
        {
            get { return _length; }
            set { _length = value; }
        }

        /// <summary>Appends, or returns false (appending nothing) when the line would exceed <paramref name="limit"/>.</summary>
        public bool Append(byte[] source, int offset, int count, int limit)
        {
            if (count > limit - _length)
            {
                return false;
            }

            if (_length + count > _bytes.Length)
            {
                int capacity = _bytes.Length;
                while (capacity < _length + count)
                {
                    capacity *= 2;
                }

                byte[] larger = new byte[capacity < limit ? capacity : limit];
                Array.Copy(_bytes, larger, _length);
                _bytes = larger;
            }

            Array.Copy(source, offset, _bytes, _length, count);
            _length += count;
            return true;
        }

        /// <summary>Gives back the memory of a long line once the request head is parsed (a handler never needs it).</summary>
        public void Shrink()
        {
            _length = 0;
            if (_bytes.Length > InitialCapacity)
            {
                _bytes = new byte[InitialCapacity];
            }
        }

        /// <summary>The bytes as text, one character per byte (ISO-8859-1, so obs-text survives as U+0080..U+00FF).</summary>
        public string ToLatin1(int start, int end)
        {
            bool ascii = true;
            for (int i = start; i < end && ascii; i++)
            {
                ascii = _bytes[i] < 0x80;
            }

            if (ascii)
            {
                // One allocation instead of a char array and its copy; ASCII is the same in UTF-8 and ISO-8859-1.
                return Encoding.UTF8.GetString(_bytes, start, end - start);
            }

            char[] chars = new char[end - start];
            for (int i = start; i < end; i++)
            {
                chars[i - start] = (char)_bytes[i];
            }

            return new string(chars);
        }
    }
}
