namespace ThaliNano.Mesh.Wire
{
    /// <summary>
    /// Reads what <see cref="WireWriter"/> writes from untrusted bytes without ever throwing: a read past the end, an
    /// overlong varint or a value above its limit sets <see cref="Failed"/> and returns 0 (or null), and every later
    /// read fails too, so a decoder checks once at the end.
    /// </summary>
    internal sealed class WireReader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        public WireReader(byte[] data, int offset, int count)
        {
            _data = data;
            _position = offset;
            _end = offset + count;
        }

        public bool Failed { get; private set; }

        public int Remaining
        {
            get { return Failed ? 0 : _end - _position; }
        }

        public bool AtEnd
        {
            get { return !Failed && _position == _end; }
        }

        public int ReadByte()
        {
            if (!Take(1))
            {
                return 0;
            }

            return _data[_position - 1];
        }

        public long ReadUInt32()
        {
            if (!Take(4))
            {
                return 0;
            }

            int p = _position - 4;
            return ((long)_data[p] << 24) | ((long)_data[p + 1] << 16) | ((long)_data[p + 2] << 8) | _data[p + 3];
        }

        /// <summary>A varint of at most <paramref name="max"/> (at most 5 bytes for values up to 2^32 - 1) in shortest form.</summary>
        public long ReadVarint(long max)
        {
            long value = 0;
            for (int shift = 0; shift < 35; shift += 7)
            {
                if (!Take(1))
                {
                    return 0;
                }

                int b = _data[_position - 1];
                value |= (long)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    bool overlong = b == 0 && shift > 0;
                    if (overlong || value > max)
                    {
                        return Fail();
                    }

                    return value;
                }
            }

            return Fail();
        }

        /// <summary>Copies the next <paramref name="count"/> bytes.</summary>
        public byte[] ReadBytes(int count)
        {
            if (count < 0 || !Take(count))
            {
                Failed = true;
                return null;
            }

            byte[] result = new byte[count];
            System.Array.Copy(_data, _position - count, result, 0, count);
            return result;
        }

        /// <summary>A varint length of at most <paramref name="maxLength"/>, then that many bytes.</summary>
        public byte[] ReadBlob(int maxLength)
        {
            int length = (int)ReadVarint(maxLength);
            return Failed ? null : ReadBytes(length);
        }

        private bool Take(int count)
        {
            if (Failed || count > _end - _position)
            {
                Failed = true;
                return false;
            }

            _position += count;
            return true;
        }

        private long Fail()
        {
            Failed = true;
            return 0;
        }
    }
}
