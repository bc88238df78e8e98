using System;
using ThaliNano.Identity;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// The secret every fleet member shares (16 or 32 random bytes). Beacons never use it directly: it is the
    /// pseudorandom key of HKDF-Expand (RFC 5869, HMAC-SHA256), which yields one subkey per purpose, so the AES key
    /// that hides the device id and the HMAC key that authenticates the beacon are independent.
    /// </summary>
    public sealed class FleetKey
    {
        private const string IdLabel = "ThaliNano beacon v1 id";
        private const string TagLabel = "ThaliNano beacon v1 tag";

        public FleetKey(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            if (key.Length != 16 && key.Length != 32)
            {
                throw new ArgumentException("a fleet key is 16 or 32 bytes, not " + key.Length.ToString(), "key");
            }

            IdKey = Hkdf.Expand(key, Ascii(IdLabel), AesBlockCipher.KeySizeInBytes);
            TagKey = Hkdf.Expand(key, Ascii(TagLabel), HmacSha256.MacSizeInBytes);
        }

        /// <summary>AES-128 key of the encrypted block.</summary>
        internal byte[] IdKey { get; }

        /// <summary>HMAC-SHA256 key of the tag.</summary>
        internal byte[] TagKey { get; }

        private static byte[] Ascii(string label)
        {
            byte[] bytes = new byte[label.Length];
            for (int i = 0; i < label.Length; i++)
            {
                bytes[i] = (byte)label[i];
            }

            return bytes;
        }
    }
}
