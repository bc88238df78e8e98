namespace ThaliNano.Http.Parsing
{
    /// <summary>
    /// Strict UTF-8 (RFC 3629): overlong forms, surrogate code points (U+D800..U+DFFF), code points above U+10FFFF,
    /// stray continuation bytes and truncated sequences are all invalid.
    /// </summary>
    internal static class Utf8Decoder
    {
        /// <summary>The decoded text, or null when the bytes are not valid UTF-8.</summary>
        public static string Decode(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[count];
            int written = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[written++] = (char)b;
                    i++;
                    continue;
                }

                int length;
                int codePoint;
                int lowestSecond = 0x80;
                int highestSecond = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    length = 2;
                    codePoint = b & 0x1F;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    length = 3;
                    codePoint = b & 0x0F;
                    if (b == 0xE0)
                    {
                        lowestSecond = 0xA0;
                    }
                    else if (b == 0xED)
                    {
                        highestSecond = 0x9F;
                    }
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    length = 4;
                    codePoint = b & 0x07;
                    if (b == 0xF0)
                    {
                        lowestSecond = 0x90;
                    }
                    else if (b == 0xF4)
                    {
                        highestSecond = 0x8F;
                    }
                }
                else
                {
                    return null;
                }

                if (end - i < length)
                {
                    return null;
                }

                for (int k = 1; k < length; k++)
                {
                    int next = bytes[i + k];
                    int low = k == 1 ? lowestSecond : 0x80;
                    int high = k == 1 ? highestSecond : 0xBF;
                    if (next < low || next > high)
                    {
                        return null;
                    }

                    codePoint = (codePoint << 6) | (next & 0x3F);
                }

                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    chars[written++] = (char)(0xD800 + (codePoint >> 10));
                    chars[written++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[written++] = (char)codePoint;
                }

                i += length;
            }

            return new string(chars, 0, written);
        }
    }
}
