using System;

namespace ThaliNano.Identity
{
    /// <summary>
    /// HKDF-SHA256 (RFC 5869) over the managed HMAC, for outputs of at most 32 bytes (one block): how beacons, bundle
    /// seals and receipts derive one independent key per purpose from a shared secret.
    /// </summary>
    public static class Hkdf
    {
        public static byte[] Extract(byte[] salt, byte[] inputKeyMaterial)
        {
            return HmacSha256.Compute(salt, inputKeyMaterial);
        }

        /// <summary>T(1) = HMAC(prk, info || 0x01), cut to <paramref name="length"/> (1..32) bytes.</summary>
        public static byte[] Expand(byte[] pseudorandomKey, byte[] info, int length)
        {
            if (length < 1 || length > HmacSha256.MacSizeInBytes)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            HmacSha256 hmac = new HmacSha256(pseudorandomKey);
            hmac.Append(info, 0, info.Length);
            hmac.Append(new byte[] { 1 }, 0, 1);
            byte[] block = hmac.GetMacAndReset();
            if (length == block.Length)
            {
                return block;
            }

            byte[] result = new byte[length];
            Array.Copy(block, result, length);
            Array.Clear(block, 0, block.Length);
            return result;
        }
    }
}
