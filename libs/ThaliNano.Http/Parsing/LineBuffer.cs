using System;

namespace ThaliNano.Http
{
    /// <summary>The bytes of one protocol line; grows on demand up to the caller's limit and shrinks between requests.</summary>
    internal sealed class LineBuffer
    {
        private const int InitialCapacity = 256;

        private byte[] bytes = new byte[InitialCapacity];
        private int length;

        public byte[] Bytes
        {
            get { return bytes; }
        }

        public int Length
        {
            get { return length; }
            set { length = value; }
        }

        /// <summary>Appends, or returns false (appending nothing) when the line would exceed <paramref name="limit"/>.</summary>
        public bool Append(byte[] source, int offset, int count, int limit)
        {
            if (count > limit - length)
            {
                return false;
            }

            if (length + count > bytes.Length)
            {
                int capacity = bytes.Length;
                while (capacity < length + count)
                {
                    capacity *= 2;
                }

                byte[] larger = new byte[capacity < limit ? capacity : limit];
                Array.Copy(bytes, larger, length);
                bytes = larger;
            }

            Array.Copy(source, offset, bytes, length, count);
            length += count;
            return true;
        }

        /// <summary>Gives back the memory of a long line once the request is done.</summary>
        public void Shrink()
        {
            length = 0;
            if (bytes.Length > InitialCapacity)
            {
                bytes = new byte[InitialCapacity];
            }
        }

        public string ToLatin1(int start, int end)
        {
            char[] chars = new char[end - start];
            for (int i = start; i < end; i++)
            {
                chars[i - start] = (char)bytes[i];
            }

            return new string(chars);
        }
    }
}
