using System;

namespace ThaliNano.Identity
{
    /// <summary>Appends DER elements (minimal lengths) to a growing buffer; enough to build an RSA SubjectPublicKeyInfo.</summary>
    internal sealed class DerWriter
    {
        private byte[] _buffer = new byte[64];
        private int _length;

        /// <summary>Writes tag, length and content; prefix (may be null) goes before the content, inside the element.</summary>
        public void WriteElement(int tag, byte[] content, byte[] prefix)
        {
            int prefixLength = prefix == null ? 0 : prefix.Length;
            int contentLength = prefixLength + content.Length;
            Append((byte)tag);
            if (contentLength < 0x80)
            {
                Append((byte)contentLength);
            }
            else
            {
                int lengthBytes = contentLength > 0xFFFF ? 3 : (contentLength > 0xFF ? 2 : 1);
                Append((byte)(0x80 | lengthBytes));
                for (int i = lengthBytes - 1; i >= 0; i--)
                {
                    Append((byte)(contentLength >> (8 * i)));
                }
            }

            if (prefix != null)
            {
                Append(prefix, 0, prefix.Length);
            }

            Append(content, 0, content.Length);
        }

        /// <summary>Writes a non-negative INTEGER from unsigned big-endian bytes without leading zeros.</summary>
        public void WriteUnsignedInteger(byte[] unsignedBigEndian)
        {
            bool needsSignByte = unsignedBigEndian[0] >= 0x80;
            WriteElement(DerReader.TagInteger, unsignedBigEndian, needsSignByte ? new byte[] { 0 } : null);
        }

        public byte[] ToArray()
        {
            byte[] result = new byte[_length];
            Array.Copy(_buffer, result, _length);
            return result;
        }

        public static byte[] Wrap(int tag, byte[] content, byte[] prefix)
        {
            DerWriter writer = new DerWriter();
            writer.WriteElement(tag, content, prefix);
            return writer.ToArray();
        }

        private void Append(byte value)
        {
            Reserve(1);
            _buffer[_length++] = value;
        }

        private void Append(byte[] data, int offset, int count)
        {
            Reserve(count);
            Array.Copy(data, offset, _buffer, _length, count);
            _length += count;
        }

        private void Reserve(int count)
        {
            if (_length + count <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            while (size < _length + count)
            {
                size *= 2;
            }

            byte[] larger = new byte[size];
            Array.Copy(_buffer, larger, _length);
            _buffer = larger;
        }
    }
}
