using System;
using ThaliNano.Hashing;

namespace ThaliNano.Identity
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) in managed code over <see cref="Sha256"/>, so the proof verifier runs unchanged on
    /// both boards and in tests. nanoFramework has a native HMACSHA256, but using it would split this library into
    /// device and host variants; a proof costs about five SHA-256 blocks, which the device affords per request.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacSizeInBytes = Sha256.HashSizeInBytes;
        private const int BlockSizeInBytes = 64;

        private readonly byte[] _innerPad = new byte[BlockSizeInBytes];
        private readonly byte[] _outerPad = new byte[BlockSizeInBytes];
        // One hash for both passes: the outer one runs only once the inner one is done.
        private readonly Sha256 _sha = new Sha256();

        public HmacSha256(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            byte[] block = new byte[BlockSizeInBytes];
            if (key.Length > BlockSizeInBytes)
            {
                Array.Copy(Sha256.Hash(key), block, Sha256.HashSizeInBytes);
            }
            else
            {
                Array.Copy(key, block, key.Length);
            }

            for (int i = 0; i < BlockSizeInBytes; i++)
            {
                _innerPad[i] = (byte)(block[i] ^ 0x36);
                _outerPad[i] = (byte)(block[i] ^ 0x5C);
            }

            Array.Clear(block, 0, BlockSizeInBytes);
            _sha.Append(_innerPad, 0, BlockSizeInBytes);
        }

        public static byte[] Compute(byte[] key, byte[] data)
        {
            HmacSha256 hmac = new HmacSha256(key);
            hmac.Append(data, 0, data == null ? 0 : data.Length);
            return hmac.GetMacAndReset();
        }

        public void Append(byte[] data, int offset, int count)
        {
            _sha.Append(data, offset, count);
        }

        /// <summary>The 32-byte MAC of everything appended since construction or the last call; then starts over.</summary>
        public byte[] GetMacAndReset()
        {
            byte[] innerHash = _sha.GetHashAndReset();
            _sha.Append(_outerPad, 0, BlockSizeInBytes);
            _sha.Append(innerHash, 0, innerHash.Length);
            byte[] mac = _sha.GetHashAndReset();
            _sha.Append(_innerPad, 0, BlockSizeInBytes);
            return mac;
        }

        /// <summary>Compares two MACs in time independent of where they differ.</summary>
        public static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
