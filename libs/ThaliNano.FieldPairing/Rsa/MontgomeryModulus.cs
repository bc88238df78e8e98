using System;

namespace ThaliNano.FieldPairing.Rsa
{
    /// <summary>
    /// Modular exponentiation by an odd modulus with Montgomery multiplication (CIOS, Koç et al. 1996) on
    /// little-endian 32-bit words, for the device (no System.Numerics). Made for public-key operations: it is
    /// not constant time (the final subtraction depends on the data).
    /// </summary>
    internal sealed class MontgomeryModulus
    {
        private readonly uint[] _modulus;
        private readonly int _words;
        private readonly uint _inverse;
        private readonly uint[] _scratch;
        private readonly uint[] _rSquared;

        /// <param name="modulus">Unsigned big-endian, odd, greater than one.</param>
        public MontgomeryModulus(byte[] modulus)
        {
            _modulus = ToWords(modulus, (modulus.Length + 3) / 4);
            _words = _modulus.Length;
            while (_words > 1 && _modulus[_words - 1] == 0)
            {
                _words--;
            }

            if ((_modulus[0] & 1) == 0 || (_words == 1 && _modulus[0] == 1))
            {
                throw new ArgumentException("a Montgomery modulus is odd and greater than one", "modulus");
            }

            _inverse = NegativeInverse(_modulus[0]);
            _scratch = new uint[_words + 2];
            _rSquared = RSquared();
        }

        /// <summary>Multiplications done so far: the unit of the README's cost estimate.</summary>
        public int Multiplications { get; private set; }

        public int Words
        {
            get { return _words; }
        }

        /// <summary>value^exponent mod modulus, as <paramref name="outputLength"/> big-endian bytes.</summary>
        /// <param name="value">Unsigned big-endian, smaller than the modulus.</param>
        /// <param name="exponent">Unsigned big-endian, positive.</param>
        public byte[] Power(byte[] value, byte[] exponent, int outputLength)
        {
            uint[] x = ToWords(value, _words);
            if (CompareWithModulus(x) >= 0)
            {
                throw new ArgumentException("the value is not smaller than the modulus", "value");
            }

            int top = TopBit(exponent);
            if (top < 0)
            {
                throw new ArgumentException("the exponent is zero", "exponent");
            }

            Multiply(x, _rSquared, x);
            uint[] accumulator = new uint[_words];
            Array.Copy(x, accumulator, _words);
            for (int bit = top - 1; bit >= 0; bit--)
            {
                Multiply(accumulator, accumulator, accumulator);
                if (BitAt(exponent, bit))
                {
                    Multiply(accumulator, x, accumulator);
                }
            }

            Array.Clear(x, 0, _words);
            x[0] = 1;
            Multiply(accumulator, x, accumulator);
            return ToBytes(accumulator, outputLength);
        }

        // result = a * b / 2^(32 words) mod modulus; result may be a or b.
        private void Multiply(uint[] a, uint[] b, uint[] result)
        {
            Multiplications++;
            uint[] t = _scratch;
            uint[] n = _modulus;
            int k = _words;
            Array.Clear(t, 0, t.Length);
            for (int i = 0; i < k; i++)
            {
                ulong bi = b[i];
                ulong carry = 0;
                for (int j = 0; j < k; j++)
                {
                    ulong sum = t[j] + a[j] * bi + carry;
                    t[j] = (uint)sum;
                    carry = sum >> 32;
                }

                ulong top = t[k] + carry;
                t[k] = (uint)top;
                t[k + 1] = (uint)(top >> 32);

                ulong m = (uint)(t[0] * _inverse);
                carry = (t[0] + m * n[0]) >> 32;
                for (int j = 1; j < k; j++)
                {
                    ulong sum = t[j] + m * n[j] + carry;
                    t[j - 1] = (uint)sum;
                    carry = sum >> 32;
                }

                top = t[k] + carry;
                t[k - 1] = (uint)top;
                t[k] = t[k + 1] + (uint)(top >> 32);
            }

            if (t[k] != 0 || CompareWithModulus(t) >= 0)
            {
                Subtract(t, n, k);
            }

            Array.Copy(t, result, k);
        }

        // R^2 mod n with R = 2^(32 words): the Montgomery form of 2^(32 words), reached from that of 2 by squaring
        // and doubling along the exponent's bits, so it costs log2(32 words) multiplications instead of a division.
        private uint[] RSquared()
        {
            int k = _words;
            int bits = BitLength(_modulus, k);
            uint[] y = new uint[k];
            y[(bits - 1) / 32] = 1u << ((bits - 1) % 32);
            for (int i = bits - 1; i < 32 * k + 1; i++)
            {
                Double(y);
            }

            int exponent = 32 * k;
            int topBit = 31;
            while ((exponent & (1 << topBit)) == 0)
            {
                topBit--;
            }

            for (int bit = topBit - 1; bit >= 0; bit--)
            {
                Multiply(y, y, y);
                if ((exponent & (1 << bit)) != 0)
                {
                    Double(y);
                }
            }

            return y;
        }

        // y = 2y mod n, for y < n.
        private void Double(uint[] y)
        {
            uint carry = 0;
            for (int i = 0; i < _words; i++)
            {
                uint word = y[i];
                y[i] = (word << 1) | carry;
                carry = word >> 31;
            }

            if (carry != 0 || CompareWithModulus(y) >= 0)
            {
                Subtract(y, _modulus, _words);
            }
        }

        // Compares the low words of a with the modulus.
        private int CompareWithModulus(uint[] a)
        {
            for (int i = _words - 1; i >= 0; i--)
            {
                if (a[i] != _modulus[i])
                {
                    return a[i] > _modulus[i] ? 1 : -1;
                }
            }

            return 0;
        }

        private static void Subtract(uint[] a, uint[] n, int words)
        {
            long borrow = 0;
            for (int i = 0; i < words; i++)
            {
                long difference = (long)a[i] - n[i] + borrow;
                a[i] = (uint)difference;
                borrow = difference >> 32;
            }

            if (a.Length > words)
            {
                a[words] = (uint)(a[words] + borrow);
            }
        }

        // -n0^-1 mod 2^32 by Newton's iteration (each step doubles the correct low bits: 1, 2, 4, ..., 32).
        private static uint NegativeInverse(uint n0)
        {
            uint inverse = 1;
            for (int i = 0; i < 5; i++)
            {
                inverse *= 2 - n0 * inverse;
            }

            return 0 - inverse;
        }

        private static int BitLength(uint[] words, int count)
        {
            uint top = words[count - 1];
            int bits = 0;
            while (top != 0)
            {
                bits++;
                top >>= 1;
            }

            return (count - 1) * 32 + bits;
        }

        private static int TopBit(byte[] bigEndian)
        {
            for (int i = 0; i < bigEndian.Length; i++)
            {
                if (bigEndian[i] != 0)
                {
                    int bit = 7;
                    while ((bigEndian[i] & (1 << bit)) == 0)
                    {
                        bit--;
                    }

                    return (bigEndian.Length - 1 - i) * 8 + bit;
                }
            }

            return -1;
        }

        private static bool BitAt(byte[] bigEndian, int bit)
        {
            return (bigEndian[bigEndian.Length - 1 - bit / 8] & (1 << (bit % 8))) != 0;
        }

        private static uint[] ToWords(byte[] bigEndian, int words)
        {
            uint[] result = new uint[words];
            for (int i = 0; i < bigEndian.Length; i++)
            {
                int fromEnd = bigEndian.Length - 1 - i;
                byte value = bigEndian[i];
                if (value == 0)
                {
                    continue;
                }

                if (fromEnd / 4 >= words)
                {
                    throw new ArgumentException("the number is longer than the modulus");
                }

                result[fromEnd / 4] |= (uint)value << (8 * (fromEnd % 4));
            }

            return result;
        }

        private static byte[] ToBytes(uint[] words, int length)
        {
            byte[] result = new byte[length];
            for (int i = 0; i < length; i++)
            {
                int fromEnd = length - 1 - i;
                if (fromEnd / 4 < words.Length)
                {
                    result[i] = (byte)(words[fromEnd / 4] >> (8 * (fromEnd % 4)));
                }
            }

            return result;
        }
    }
}
