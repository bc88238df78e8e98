using System;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>HKDF-SHA256 (RFC 5869) over Identity's managed HMAC, for outputs of at most 32 bytes (one block).</summary>
    internal static class Hkdf
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
