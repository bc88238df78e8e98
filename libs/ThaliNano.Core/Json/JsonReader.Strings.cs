using ThaliNano.Text;

namespace ThaliNano.Json
{
    // Scanning strings: escapes and UTF-8 are validated here, once, so that decoding them later cannot fail.
    public sealed partial class JsonReader
    {
        private void ScanString()
        {
            _pos++;
            while (true)
            {
                byte[] buffer = _buffer;
                int end = _end;
                int pos = _pos;
                while (pos < end)
                {
                    byte c = buffer[pos];
                    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    {
                        break;
                    }

                    pos++;
                }

                _pos = pos;
                if (_pos - _tokenStart - 1 > _maxStringLength)
                {
                    throw ErrorAt("string longer than " + _maxStringLength.ToString() + " bytes", _tokenStart + 1 + _maxStringLength);
                }

                int b = PeekInString();
                if (b == '"')
                {
                    break;
                }

                if (b == '\\')
                {
                    ScanEscape();
                }
                else if (b < 0x20)
                {
                    throw Error("control character " + ByteText(b) + " in a string must be escaped");
                }
                else if (b >= 0x80)
                {
                    ScanUtf8Sequence(b);
                }
            }

            _valueStart = _tokenStart + 1;
            _valueLength = _pos - _valueStart;
            _pos++;
        }

        /// <summary>The byte at the read position inside a string; the end of input there is an error.</summary>
        private int PeekInString()
        {
            int b = PeekInToken();
            if (b < 0)
            {
                throw Error("unterminated string");
            }

            return b;
        }

        private void ScanEscape()
        {
            long escapeAt = _bufferBase + _pos;
            _pos++;
            int letter = PeekInString();
            _pos++;
            switch (letter)
            {
                case '"':
                case '\\':
                case '/':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    return;
                case 'u':
                    break;
                default:
                    string shown = letter > 0x20 && letter < 0x7F ? ((char)letter).ToString() : ByteText(letter);
                    throw new JsonException("invalid escape \\" + shown, escapeAt);
            }

            int unit = ScanHex4(escapeAt);
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                throw new JsonException("lone low surrogate in a \\u escape", escapeAt);
            }

            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                bool paired = PeekInString() == '\\';
                if (paired)
                {
                    _pos++;
                    paired = PeekInString() == 'u';
                }

                if (paired)
                {
                    _pos++;
                    int low = ScanHex4(escapeAt);
                    paired = low >= 0xDC00 && low <= 0xDFFF;
                }

                if (!paired)
                {
                    throw new JsonException("high surrogate in a \\u escape is not followed by a low surrogate escape", escapeAt);
                }
            }
        }

        private int ScanHex4(long escapeAt)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int digit = Hex.DigitValue(PeekInString());
                if (digit < 0)
                {
                    throw new JsonException("invalid escape: \\u needs four hex digits", escapeAt);
                }

                value = (value << 4) | digit;
                _pos++;
            }

            return value;
        }

        // Only the shortest form of each code point up to U+10FFFF, never a surrogate (RFC 3629 section 4).
        private void ScanUtf8Sequence(int lead)
        {
            long leadAt = _bufferBase + _pos;
            int continuations;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            string outOfRange = null;
            if (lead < 0xC0)
            {
                throw Error("invalid UTF-8: unexpected continuation byte " + ByteText(lead));
            }

            if (lead < 0xC2)
            {
                throw Error("invalid UTF-8: overlong encoding");
            }

            if (lead < 0xE0)
            {
                continuations = 1;
            }
            else if (lead < 0xF0)
            {
                continuations = 2;
                if (lead == 0xE0)
                {
                    secondMin = 0xA0;
                    outOfRange = "invalid UTF-8: overlong encoding";
                }
                else if (lead == 0xED)
                {
                    secondMax = 0x9F;
                    outOfRange = "invalid UTF-8: encoded surrogate";
                }
            }
            else if (lead < 0xF5)
            {
                continuations = 3;
                if (lead == 0xF0)
                {
                    secondMin = 0x90;
                    outOfRange = "invalid UTF-8: overlong encoding";
                }
                else if (lead == 0xF4)
                {
                    secondMax = 0x8F;
                    outOfRange = "invalid UTF-8: code point above U+10FFFF";
                }
            }
            else
            {
                throw Error("invalid UTF-8: byte " + ByteText(lead) + " never appears in UTF-8");
            }

            _pos++;
            for (int i = 0; i < continuations; i++)
            {
                int b = PeekInString();
                if (b < 0x80 || b > 0xBF)
                {
                    throw new JsonException("invalid UTF-8: sequence ends early", leadAt);
                }

                if (i == 0 && (b < secondMin || b > secondMax))
                {
                    throw new JsonException(outOfRange, leadAt);
                }

                _pos++;
            }
        }
    }
}
