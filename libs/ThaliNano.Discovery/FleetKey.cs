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

            byte[] idKey = Expand(key, IdLabel);
            IdKey = new byte[AesBlockCipher.KeySizeInBytes];
            Array.Copy(idKey, IdKey, IdKey.Length);
            Array.Clear(idKey, 0, idKey.Length);
            TagKey = Expand(key, TagLabel);
        }

        /// <summary>AES-128 key of the encrypted block.</summary>
        internal byte[] IdKey { get; }

        /// <summary>HMAC-SHA256 key of the tag.</summary>
        internal byte[] TagKey { get; }

        /// <summary>HKDF-Expand(key, info = label, L = 32): the first output block, HMAC(key, info || 0x01).</summary>
        private static byte[] Expand(byte[] key, string label)
        {
            byte[] info = new byte[label.Length + 1];
            for (int i = 0; i < label.Length; i++)
            {
                info[i] = (byte)label[i];
            }

            info[label.Length] = 1;
            return HmacSha256.Compute(key, info);
        }
    }
}
