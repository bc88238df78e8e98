using System;
using System.Text;

namespace ThaliNano.Text
{
    /// <summary>Base64url without padding (RFC 4648 section 5), as used in URLs and compact key ids.</summary>
    public static class Base64Url
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        public static string Encode(byte[] data)
        {
            return Encode(data, 0, data == null ? 0 : data.Length);
        }

        public static string Encode(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            byte[] ascii = new byte[EncodedLength(count)];
            EncodeTo(data, offset, count, ascii, 0);
            return Encoding.UTF8.GetString(ascii, 0, ascii.Length);
        }

        /// <summary>Characters in the encoding of <paramref name="count"/> bytes.</summary>
        public static int EncodedLength(int count)
        {
            return (count * 4 + 2) / 3;
        }

        /// <summary>
        /// Writes the encoding of data[offset, +count) as ASCII bytes at destination[at, +<see cref="EncodedLength"/>): for a
        /// caller building a larger byte body, without a string of it.
        /// </summary>
        public static void EncodeTo(byte[] data, int offset, int count, byte[] destination, int at)
        {
            ArgumentChecks.Range(data, offset, count);
            ArgumentChecks.Range(destination, at, EncodedLength(count));
            int c = at;
            int end = offset + count;
            int i = offset;
            for (; i + 2 < end; i += 3)
            {
                int group = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                destination[c++] = (byte)Alphabet[group >> 18];
                destination[c++] = (byte)Alphabet[(group >> 12) & 0x3F];
                destination[c++] = (byte)Alphabet[(group >> 6) & 0x3F];
                destination[c++] = (byte)Alphabet[group & 0x3F];
            }

            int rest = end - i;
            if (rest > 0)
            {
                int group = data[i] << 16;
                if (rest == 2)
                {
                    group |= data[i + 1] << 8;
                }

                destination[c++] = (byte)Alphabet[group >> 18];
                destination[c++] = (byte)Alphabet[(group >> 12) & 0x3F];
                if (rest == 2)
                {
                    destination[c++] = (byte)Alphabet[(group >> 6) & 0x3F];
                }
            }
        }

        /// <summary>
        /// Decodes unpadded base64url. Padding, the standard alphabet's '+' and '/', white space, impossible lengths
        /// and non-zero unused trailing bits are rejected, so every byte string has exactly one accepted text.
        /// </summary>
        public static byte[] Decode(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            int rest = text.Length % 4;
            if (rest == 1)
            {
                throw new FormatException("base64url text cannot have a length of 4n+1");
            }

            byte[] bytes = new byte[text.Length / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
            int b = 0;
            int group = 0;
            for (int i = 0; i < text.Length; i++)
            {
                group = (group << 6) | SextetValue(text[i], i);
                if (i % 4 == 3)
                {
                    bytes[b++] = (byte)(group >> 16);
                    bytes[b++] = (byte)(group >> 8);
                    bytes[b++] = (byte)group;
                    group = 0;
                }
            }

            if (rest == 2)
            {
                RequireZeroBits(group & 0xF);
                bytes[b] = (byte)(group >> 4);
            }
            else if (rest == 3)
            {
                RequireZeroBits(group & 0x3);
                bytes[b++] = (byte)(group >> 10);
                bytes[b] = (byte)(group >> 2);
            }

            return bytes;
        }

        private static int SextetValue(char c, int position)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            if (c == '-')
            {
                return 62;
            }

            if (c == '_')
            {
                return 63;
            }

            throw new FormatException("invalid base64url character at position " + position.ToString());
        }

        private static void RequireZeroBits(int unusedBits)
        {
            if (unusedBits != 0)
            {
                throw new FormatException("base64url text has non-zero unused bits in its last character");
            }
        }
    }
}
