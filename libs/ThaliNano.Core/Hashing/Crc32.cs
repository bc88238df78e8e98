namespace ThaliNano.Hashing
{
    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by zlib, gzip and PNG.</summary>
    public static class Crc32
    {
        private const uint ReflectedPolynomial = 0xEDB88320;

        // 1 KB of heap, once: table lookups are several times faster than bitwise steps in the interpreter.
        private static readonly uint[] s_table = BuildTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Append(0, data, offset, count);
        }

        /// <summary>Continues a CRC over more bytes: Append(Compute(a), b) equals Compute(a followed by b).</summary>
        public static uint Append(uint crc, byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            uint[] table = s_table;
            uint state = ~crc;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                state = table[(state ^ data[i]) & 0xFF] ^ (state >> 8);
            }

            return ~state;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int bit = 0; bit < 8; bit++)
                {
                    c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
