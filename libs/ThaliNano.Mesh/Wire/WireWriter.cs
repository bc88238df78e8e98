using System;

namespace ThaliNano.Mesh.Wire
{
    /// <summary>Appends big-endian integers, LEB128 varints and bytes to a growing array (the mesh's byte formats).</summary>
    internal sealed class WireWriter
    {
        private byte[] _buffer;

        public WireWriter(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
        }

        public int Length { get; private set; }

        /// <summary>The bytes written are Buffer[0, Length); the array is replaced when a write outgrows it.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public void WriteByte(int value)
        {
            Ensure(1);
            _buffer[Length++] = (byte)value;
        }

        public void WriteUInt32(long value)
        {
            Ensure(4);
            _buffer[Length] = (byte)(value >> 24);
            _buffer[Length + 1] = (byte)(value >> 16);
            _buffer[Length + 2] = (byte)(value >> 8);
            _buffer[Length + 3] = (byte)value;
            Length += 4;
        }

        /// <summary>Unsigned LEB128: 7 bits a byte, low bits first, high bit set on every byte but the last.</summary>
        public void WriteVarint(long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value");
            }

            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[Length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[Length++] = (byte)value;
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            Ensure(count);
            Array.Copy(data, offset, _buffer, Length, count);
            Length += count;
        }

        /// <summary>Varint length, then the bytes.</summary>
        public void WriteBlob(byte[] data)
        {
            WriteVarint(data.Length);
            WriteBytes(data, 0, data.Length);
        }

        public void Append(WireWriter other)
        {
            WriteBytes(other._buffer, 0, other.Length);
        }

        public void Clear()
        {
            Length = 0;
        }

        public byte[] ToArray()
        {
            byte[] result = new byte[Length];
            Array.Copy(_buffer, result, Length);
            return result;
        }

        /// <summary>Varint size of a value, to plan sizes without writing.</summary>
        public static int VarintSize(long value)
        {
            int size = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                size++;
            }

            return size;
        }

        private void Ensure(int count)
        {
            if (Length + count <= _buffer.Length)
            {
                return;
            }

            int capacity = _buffer.Length * 2;
            if (capacity < Length + count)
            {
                capacity = Length + count;
            }

            byte[] grown = new byte[capacity];
            Array.Copy(_buffer, grown, Length);
            _buffer = grown;
        }
    }
}
