namespace ThaliNano.Identity
{
    /// <summary>
    /// A strict, bounded reader of DER TLVs over a byte range: single-byte tags, definite minimal lengths that never
    /// reach past the enclosing element. It reads exactly the paths this library needs and never recurses by itself.
    /// </summary>
    internal sealed class DerReader
    {
        public const int TagInteger = 0x02;
        public const int TagBitString = 0x03;
        public const int TagNull = 0x05;
        public const int TagObjectIdentifier = 0x06;
        public const int TagSequence = 0x30;
        public const int TagContext0Constructed = 0xA0;

        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        // The element read last.
        private int _tag;
        private int _elementOffset;
        private int _contentOffset;
        private int _contentLength;

        public DerReader(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new DerFormatException("no DER data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new DerFormatException("DER range lies outside the data");
            }

            _data = data;
            _position = offset;
            _end = offset + count;
        }

        public byte[] Data
        {
            get { return _data; }
        }

        public bool HasMore
        {
            get { return _position < _end; }
        }

        public int Tag
        {
            get { return _tag; }
        }

        public int ElementOffset
        {
            get { return _elementOffset; }
        }

        public int ElementLength
        {
            get { return _contentOffset + _contentLength - _elementOffset; }
        }

        public int ContentOffset
        {
            get { return _contentOffset; }
        }

        public int ContentLength
        {
            get { return _contentLength; }
        }

        /// <summary>The tag of the next element, or -1 at the end of the range.</summary>
        public int PeekTag()
        {
            return _position < _end ? _data[_position] : -1;
        }

        /// <summary>Reads the next element, whatever its tag.</summary>
        public void ReadAny(string what)
        {
            if (_position >= _end)
            {
                throw new DerFormatException(what + " is missing");
            }

            int start = _position;
            int tag = _data[_position++];
            if ((tag & 0x1F) == 0x1F)
            {
                throw new DerFormatException(what + " uses a multi-byte tag");
            }

            if (_position >= _end)
            {
                throw new DerFormatException(what + " is truncated before its length");
            }

            int first = _data[_position++];
            int length;
            if (first < 0x80)
            {
                length = first;
            }
            else if (first == 0x80)
            {
                throw new DerFormatException(what + " has an indefinite length");
            }
            else
            {
                int lengthBytes = first & 0x7F;
                if (lengthBytes > 3)
                {
                    throw new DerFormatException(what + " declares a length beyond 16 MB");
                }

                if (lengthBytes > _end - _position)
                {
                    throw new DerFormatException(what + " is truncated inside its length");
                }

                if (_data[_position] == 0)
                {
                    throw new DerFormatException(what + " has a non-minimal length");
                }

                length = 0;
                for (int i = 0; i < lengthBytes; i++)
                {
                    length = (length << 8) | _data[_position++];
                }

                if (length < 0x80)
                {
                    throw new DerFormatException(what + " has a non-minimal length");
                }
            }

            if (length > _end - _position)
            {
                throw new DerFormatException(what + " is longer than the data that encloses it");
            }

            _tag = tag;
            _elementOffset = start;
            _contentOffset = _position;
            _contentLength = length;
            _position += length;
        }

        /// <summary>Reads the next element and requires its tag.</summary>
        public void Read(int expectedTag, string what)
        {
            ReadAny(what);
            if (_tag != expectedTag)
            {
                throw new DerFormatException(what + " has tag 0x" + Hex2(_tag) + " where 0x" + Hex2(expectedTag) + " was expected");
            }
        }

        /// <summary>Reads a constructed element and returns a reader over its content.</summary>
        public DerReader ReadConstructed(int expectedTag, string what)
        {
            Read(expectedTag, what);
            return new DerReader(_data, _contentOffset, _contentLength);
        }

        /// <summary>Reads an INTEGER and checks its encoding is minimal (two's complement, as DER requires).</summary>
        public void ReadInteger(string what)
        {
            Read(TagInteger, what);
            if (_contentLength == 0)
            {
                throw new DerFormatException(what + " is an empty INTEGER");
            }

            if (_contentLength > 1)
            {
                int b0 = _data[_contentOffset];
                int b1 = _data[_contentOffset + 1];
                if ((b0 == 0x00 && b1 < 0x80) || (b0 == 0xFF && b1 >= 0x80))
                {
                    throw new DerFormatException(what + " is a non-minimal INTEGER");
                }
            }
        }

        /// <summary>Reads an OBJECT IDENTIFIER and checks every sub-identifier is minimally encoded.</summary>
        public void ReadObjectIdentifier(string what)
        {
            Read(TagObjectIdentifier, what);
            if (_contentLength == 0)
            {
                throw new DerFormatException(what + " is an empty OBJECT IDENTIFIER");
            }

            bool startOfSubidentifier = true;
            for (int i = 0; i < _contentLength; i++)
            {
                int b = _data[_contentOffset + i];
                if (startOfSubidentifier && b == 0x80)
                {
                    throw new DerFormatException(what + " has a non-minimal sub-identifier");
                }

                startOfSubidentifier = (b & 0x80) == 0;
            }

            if (!startOfSubidentifier)
            {
                throw new DerFormatException(what + " ends inside a sub-identifier");
            }
        }

        /// <summary>True when the content of the element read last equals the given bytes.</summary>
        public bool ContentEquals(byte[] expected)
        {
            if (expected.Length != _contentLength)
            {
                return false;
            }

            for (int i = 0; i < _contentLength; i++)
            {
                if (_data[_contentOffset + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        public void RequireEnd(string what)
        {
            if (_position != _end)
            {
                throw new DerFormatException(what + " has " + (_end - _position).ToString() + " unexpected trailing bytes");
            }
        }

        internal static string Hex2(int value)
        {
            const string Digits = "0123456789abcdef";
            return new string(new char[] { Digits[(value >> 4) & 0xF], Digits[value & 0xF] });
        }
    }
}
