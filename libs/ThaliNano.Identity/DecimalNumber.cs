using System;

namespace ThaliNano.Identity
{
    /// <summary>
    /// Conversions between unsigned big-endian byte strings and decimal text, for the published httpkey form
    /// (no System.Numerics on the device). Work is quadratic in the length, which <see cref="RsaPublicKey"/> bounds.
    /// </summary>
    public static class DecimalNumber
    {
        private const uint ChunkBase = 1000000000; // 10^9: nine decimal digits per 32-bit limb step
        private const int ChunkDigits = 9;

        /// <summary>Decimal text of an unsigned big-endian integer; an empty or all-zero array gives "0".</summary>
        public static string FromBytes(byte[] unsignedBigEndian)
        {
            if (unsignedBigEndian == null)
            {
                throw new ArgumentNullException("unsignedBigEndian");
            }

            // Little-endian 32-bit limbs.
            int limbCount = (unsignedBigEndian.Length + 3) / 4;
            uint[] limbs = new uint[limbCount];
            for (int i = 0; i < unsignedBigEndian.Length; i++)
            {
                int fromEnd = unsignedBigEndian.Length - 1 - i;
                limbs[fromEnd / 4] |= (uint)unsignedBigEndian[i] << (8 * (fromEnd % 4));
            }

            int used = limbCount;
            while (used > 0 && limbs[used - 1] == 0)
            {
                used--;
            }

            if (used == 0)
            {
                return "0";
            }

            // Each division by 10^9 yields nine digits, least significant first.
            char[] digits = new char[used * 10 + ChunkDigits];
            int d = digits.Length;
            while (used > 0)
            {
                ulong remainder = 0;
                for (int i = used - 1; i >= 0; i--)
                {
                    ulong current = (remainder << 32) | limbs[i];
                    limbs[i] = (uint)(current / ChunkBase);
                    remainder = current % ChunkBase;
                }

                while (used > 0 && limbs[used - 1] == 0)
                {
                    used--;
                }

                uint chunk = (uint)remainder;
                for (int k = 0; k < ChunkDigits; k++)
                {
                    digits[--d] = (char)('0' + (int)(chunk % 10));
                    chunk /= 10;
                    if (used == 0 && chunk == 0)
                    {
                        break;
                    }
                }
            }

            return new string(digits, d, digits.Length - d);
        }

        /// <summary>
        /// Parses decimal digits (no sign, no leading zeros except "0" itself) into unsigned big-endian bytes without
        /// leading zeros ("0" gives a single zero byte). More than maxBytes bytes of value throws FormatException.
        /// </summary>
        public static byte[] ToBytes(string decimalText, int maxBytes)
        {
            if (decimalText == null)
            {
                throw new ArgumentNullException("decimalText");
            }

            if (maxBytes < 1)
            {
                throw new ArgumentOutOfRangeException("maxBytes");
            }

            int length = decimalText.Length;
            if (length == 0)
            {
                throw new FormatException("a decimal number needs at least one digit");
            }

            if (decimalText[0] == '0' && length > 1)
            {
                throw new FormatException("a decimal number may not have leading zeros");
            }

            // A value of maxBytes bytes has fewer than maxBytes * 2.41 + 1 decimal digits.
            if (length > maxBytes * 241 / 100 + 2)
            {
                throw new FormatException("the decimal number is larger than " + (maxBytes * 8).ToString() + " bits");
            }

            int limbCapacity = (maxBytes + 3) / 4 + 1;
            uint[] limbs = new uint[limbCapacity];
            int used = 0;
            int position = 0;
            int firstChunk = length % ChunkDigits;
            if (firstChunk == 0)
            {
                firstChunk = ChunkDigits;
            }

            while (position < length)
            {
                int chunkLength = position == 0 ? firstChunk : ChunkDigits;
                uint chunk = 0;
                uint scale = 1;
                for (int k = 0; k < chunkLength; k++)
                {
                    char c = decimalText[position + k];
                    if (c < '0' || c > '9')
                    {
                        throw new FormatException("a decimal number may only contain the digits 0-9");
                    }

                    chunk = chunk * 10 + (uint)(c - '0');
                    scale *= 10;
                }

                position += chunkLength;

                // limbs = limbs * scale + chunk
                ulong carry = chunk;
                for (int i = 0; i < used; i++)
                {
                    ulong product = (ulong)limbs[i] * scale + carry;
                    limbs[i] = (uint)product;
                    carry = product >> 32;
                }

                if (carry != 0)
                {
                    if (used == limbCapacity)
                    {
                        throw new FormatException("the decimal number is larger than " + (maxBytes * 8).ToString() + " bits");
                    }

                    limbs[used++] = (uint)carry;
                }
            }

            int byteCount = 0;
            for (int i = used - 1; i >= 0; i--)
            {
                if (limbs[i] != 0)
                {
                    uint top = limbs[i];
                    int topBytes = 0;
                    while (top != 0)
                    {
                        topBytes++;
                        top >>= 8;
                    }

                    byteCount = i * 4 + topBytes;
                    break;
                }
            }

            if (byteCount == 0)
            {
                return new byte[1];
            }

            if (byteCount > maxBytes)
            {
                throw new FormatException("the decimal number is larger than " + (maxBytes * 8).ToString() + " bits");
            }

            byte[] result = new byte[byteCount];
            for (int b = 0; b < byteCount; b++)
            {
                result[byteCount - 1 - b] = (byte)(limbs[b / 4] >> (8 * (b % 4)));
            }

            return result;
        }
    }
}
