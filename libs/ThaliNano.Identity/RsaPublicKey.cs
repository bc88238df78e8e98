using System;

namespace ThaliNano.Identity
{
    /// <summary>An RSA public key: modulus and public exponent as unsigned big-endian integers without leading zeros.</summary>
    public sealed class RsaPublicKey
    {
        /// <summary>The largest modulus accepted, in bits; it bounds the decimal conversions of the httpkey form.</summary>
        public const int MaxModulusBits = 8192;

        private readonly byte[] _modulus;
        private readonly byte[] _exponent;

        /// <param name="modulus">Unsigned big-endian; leading zero bytes are dropped.</param>
        /// <param name="exponent">Unsigned big-endian; leading zero bytes are dropped.</param>
        public RsaPublicKey(byte[] modulus, byte[] exponent)
        {
            _modulus = Normalize(modulus, "modulus", MaxModulusBits / 8);
            _exponent = Normalize(exponent, "exponent", MaxModulusBits / 8);
        }

        /// <summary>A copy of the modulus (unsigned big-endian, no leading zero byte).</summary>
        public byte[] GetModulus()
        {
            return Copy(_modulus);
        }

        /// <summary>A copy of the public exponent (unsigned big-endian, no leading zero byte).</summary>
        public byte[] GetExponent()
        {
            return Copy(_exponent);
        }

        public int ModulusBits
        {
            get
            {
                int top = _modulus[0];
                int bits = 0;
                while (top != 0)
                {
                    bits++;
                    top >>= 1;
                }

                return (_modulus.Length - 1) * 8 + bits;
            }
        }

        internal byte[] Modulus
        {
            get { return _modulus; }
        }

        internal byte[] Exponent
        {
            get { return _exponent; }
        }

        public override bool Equals(object obj)
        {
            RsaPublicKey other = obj as RsaPublicKey;
            return other != null && SameBytes(_modulus, other._modulus) && SameBytes(_exponent, other._exponent);
        }

        public override int GetHashCode()
        {
            int hash = _modulus.Length;
            for (int i = _modulus.Length - 4; i < _modulus.Length; i++)
            {
                hash = hash * 31 + (i >= 0 ? _modulus[i] : 0);
            }

            return hash;
        }

        private static byte[] Normalize(byte[] value, string name, int maxBytes)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }

            int start = 0;
            while (start < value.Length && value[start] == 0)
            {
                start++;
            }

            if (start == value.Length)
            {
                throw new ArgumentException("the RSA " + name + " must be positive", name);
            }

            if (value.Length - start > maxBytes)
            {
                throw new ArgumentException("the RSA " + name + " is longer than " + MaxModulusBits.ToString() + " bits", name);
            }

            byte[] normalized = new byte[value.Length - start];
            Array.Copy(value, start, normalized, 0, normalized.Length);
            return normalized;
        }

        private static byte[] Copy(byte[] value)
        {
            byte[] copy = new byte[value.Length];
            Array.Copy(value, copy, value.Length);
            return copy;
        }

        internal static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
