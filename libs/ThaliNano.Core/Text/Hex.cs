using System;

namespace ThaliNano.Text
{
    /// <summary>Lowercase hexadecimal, the form CouchDB revision hashes and key fingerprints use.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        public static string Encode(byte[] data)
        {
            return Encode(data, 0, data == null ? 0 : data.Length);
        }

        public static string Encode(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[2 * i + 1] = Digits[b & 0xF];
            }

            return new string(chars);
        }

        /// <summary>Decodes lowercase hex; uppercase digits, odd lengths and other characters are rejected.</summary>
        public static byte[] Decode(string hex)
        {
            if (hex == null || hex.Length % 2 != 0)
            {
                throw new FormatException("hex needs an even number of digits");
            }

            byte[] bytes = new byte[hex.Length / 2];
            if (!TryDecode(hex, bytes, 0))
            {
                throw new FormatException("hex may only contain the digits 0-9 and a-f");
            }

            return bytes;
        }

        /// <summary>Decodes into an existing array without allocating; false when the text is not lowercase hex.</summary>
        public static bool TryDecode(string hex, byte[] destination, int offset)
        {
            if (hex == null || destination == null || hex.Length % 2 != 0 || offset < 0
                || offset > destination.Length - hex.Length / 2)
            {
                return false;
            }

            for (int i = 0; i < hex.Length; i += 2)
            {
                int high = LowercaseDigitValue(hex[i]);
                int low = LowercaseDigitValue(hex[i + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }

                destination[offset + i / 2] = (byte)((high << 4) | low);
            }

            return true;
        }

        /// <summary>
        /// The value of one hex digit in either case, or -1: for hex inside other syntaxes (JSON \u escapes, HTTP
        /// chunk sizes and percent-encoding), which allow both.
        /// </summary>
        public static int DigitValue(int c)
        {
            int value = LowercaseDigitValue(c);
            if (value < 0 && c >= 'A' && c <= 'F')
            {
                value = c - 'A' + 10;
            }

            return value;
        }

        private static int LowercaseDigitValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}
