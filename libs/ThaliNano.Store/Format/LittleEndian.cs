namespace ThaliNano.Store.Format
{
    /// <summary>Little-endian integers and LEB128 varints in byte arrays: every number on flash is written by these.</summary>
    internal static class LittleEndian
    {
        public static void WriteUInt16(byte[] b, int offset, int value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
        }

        public static int ReadUInt16(byte[] b, int offset)
        {
            return b[offset] | (b[offset + 1] << 8);
        }

        public static void WriteUInt32(byte[] b, int offset, uint value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)(value >> 16);
            b[offset + 3] = (byte)(value >> 24);
        }

        public static uint ReadUInt32(byte[] b, int offset)
        {
            return (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));
        }

        public static void WriteInt64(byte[] b, int offset, long value)
        {
            WriteUInt32(b, offset, (uint)value);
            WriteUInt32(b, offset + 4, (uint)(value >> 32));
        }

        public static long ReadInt64(byte[] b, int offset)
        {
            return (long)ReadUInt32(b, offset) | ((long)ReadUInt32(b, offset + 4) << 32);
        }

        public static int VarIntLength(uint value)
        {
            int n = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                n++;
            }

            return n;
        }

        public static int WriteVarInt(byte[] b, int offset, uint value)
        {
            int start = offset;
            while (value >= 0x80)
            {
                b[offset++] = (byte)(value | 0x80);
                value >>= 7;
            }

            b[offset++] = (byte)value;
            return offset - start;
        }

        /// <summary>Reads a varint of at most 5 bytes before <paramref name="end"/>; returns false when it is malformed or cut.</summary>
        public static bool TryReadVarInt(byte[] b, ref int offset, int end, out uint value)
        {
            value = 0;
            for (int shift = 0; shift < 35; shift += 7)
            {
                if (offset >= end)
                {
                    return false;
                }

                byte x = b[offset++];
                value |= (uint)(x & 0x7F) << shift;
                if ((x & 0x80) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
