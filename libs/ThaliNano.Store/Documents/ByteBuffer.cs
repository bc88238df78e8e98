namespace ThaliNano.Store.Documents
{
    /// <summary>A growable byte array (the frames of one commit, assembled for a single append).</summary>
    internal sealed class ByteBuffer
    {
        public byte[] Data = new byte[256];
        public int Length;

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
                for (int i = 0; i < Length; i++)
                {
                    grown[i] = Data[i];
                }

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
