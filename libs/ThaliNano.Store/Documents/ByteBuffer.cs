namespace ThaliNano.Store.Documents
{
    /// <summary>A growable byte array (the frames of one commit, assembled for a single append).</summary>
    internal sealed class ByteBuffer
    {
        public byte[] Data;
        public int Length;

        public ByteBuffer()
            : this(256)
        {
        }

        /// <summary>A buffer that holds <paramref name="capacity"/> bytes before it grows.</summary>
        public ByteBuffer(int capacity)
        {
            Data = new byte[capacity < 16 ? 16 : capacity];
        }

        /// <summary>Reserves <paramref name="count"/> bytes at the end; returns their start.</summary>
        public int Reserve(int count)
        {
            int need = Length + count;
            if (need > Data.Length)
            {
                int size = Data.Length * 2;
                while (size < need)
                {
                    size *= 2;
                }

                byte[] grown = new byte[size];
                System.Array.Copy(Data, grown, Length);
                Data = grown;
            }

            int start = Length;
            Length = need;
            return start;
        }

        public void Clear()
        {
            Length = 0;
        }
    }
}
