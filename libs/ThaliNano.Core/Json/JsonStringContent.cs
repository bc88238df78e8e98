using ThaliNano.Text;

namespace ThaliNano.Json
{
    /// <summary>
    /// Decodes the bytes between the quotes of a string the reader has already validated (well-formed UTF-8,
    /// well-formed escapes, surrogate escapes in pairs), one Unicode code point at a time and without allocating.
    /// </summary>
    internal static class JsonStringContent
    {
        /// <summary>Returns the code point starting at index and moves index past it.</summary>
        public static int ReadCodePoint(byte[] content, ref int index)
        {
            int b = content[index];
            if (b == '\\')
            {
                return ReadEscape(content, ref index);
            }

            if (b < 0x80)
            {
                index++;
                return b;
            }

            if (b < 0xE0)
            {
                index += 2;
                return ((b & 0x1F) << 6) | (content[index - 1] & 0x3F);
            }

            if (b < 0xF0)
            {
                index += 3;
                return ((b & 0x0F) << 12) | ((content[index - 2] & 0x3F) << 6) | (content[index - 1] & 0x3F);
            }

            index += 4;
            return ((b & 0x07) << 18) | ((content[index - 3] & 0x3F) << 12) | ((content[index - 2] & 0x3F) << 6)
                | (content[index - 1] & 0x3F);
        }

        /// <summary>How many UTF-16 code units the content decodes to.</summary>
        public static int CountUtf16(byte[] content, int offset, int count)
        {
            int units = 0;
            int end = offset + count;
            int index = offset;
            while (index < end)
            {
                units += ReadCodePoint(content, ref index) >= 0x10000 ? 2 : 1;
            }

            return units;
        }

        public static char HighSurrogate(int codePoint)
        {
            return (char)(0xD800 + ((codePoint - 0x10000) >> 10));
        }

        public static char LowSurrogate(int codePoint)
        {
            return (char)(0xDC00 + ((codePoint - 0x10000) & 0x3FF));
        }

        private static int ReadEscape(byte[] content, ref int index)
        {
            int letter = content[index + 1];
            index += 2;
            switch (letter)
            {
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'u':
                    int unit = ReadHex4(content, index);
                    index += 4;
                    if (unit < 0xD800 || unit > 0xDBFF)
                    {
                        return unit;
                    }

                    int low = ReadHex4(content, index + 2);
                    index += 6;
                    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                default:
                    return letter;
            }
        }

        private static int ReadHex4(byte[] content, int index)
        {
            return (Hex.DigitValue(content[index]) << 12) | (Hex.DigitValue(content[index + 1]) << 8)
                | (Hex.DigitValue(content[index + 2]) << 4) | Hex.DigitValue(content[index + 3]);
        }
    }
}
