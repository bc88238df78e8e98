using System;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>
    /// Encrypt-then-MAC (README, "Bundle"): header || IV || AES-CBC(PKCS#7(payload)) || tag, where
    /// tag = HMAC-SHA256(mac key, header[0, 71) || IV || ciphertext) cut to 16 bytes. Allocates the padded plaintext,
    /// the ciphertext and the bundle (about three times the payload) per bundle.
    /// </summary>
    public sealed class BundleSealer
    {
        private readonly SealKey _key;
        private readonly IRandomSource _random;

        public BundleSealer(SealKey key, IRandomSource random)
        {
            if (key == null || random == null)
            {
                throw new ArgumentNullException(key == null ? "key" : "random");
            }

            _key = key;
            _random = random;
        }

        public SealKey Key
        {
            get { return _key; }
        }

        /// <summary>Seals payload[offset, +count) under <paramref name="header"/>, which must name this key's source and destination.</summary>
        public byte[] Seal(BundleHeader header, byte[] payload, int offset, int count)
        {
            if (header == null)
            {
                throw new ArgumentNullException("header");
            }

            ArgumentChecks.Range(payload, offset, count);
            if (header.Source != _key.Source || !header.IsFor(_key.Destination))
            {
                throw new ArgumentException("the header names another source or destination than the key", "header");
            }

            // The payload is copied once, into the bundle, and padded and encrypted there.
            byte[] wire = new byte[BundleFormat.SealedBytes(count)];
            header.WriteTo(wire);
            byte[] iv = new byte[BundleFormat.IvBytes];
            _random.NextBytes(iv);
            Array.Copy(iv, 0, wire, BundleFormat.HeaderBytes, iv.Length);
            int ciphertextStart = BundleFormat.HeaderBytes + BundleFormat.IvBytes;
            Array.Copy(payload, offset, wire, ciphertextStart, count);
            Pkcs7.WritePadding(wire, ciphertextStart, count);
            AesCbc.EncryptInPlace(_key.EncryptionKey, iv, wire, ciphertextStart, Pkcs7.PaddedLength(count));
            byte[] tag = ComputeTag(_key.MacKey, wire);
            Array.Copy(tag, 0, wire, wire.Length - BundleFormat.TagBytes, BundleFormat.TagBytes);
            return wire;
        }

        /// <summary>The full 32-byte HMAC over the immutable header, IV and ciphertext of a bundle of any tag.</summary>
        internal static byte[] ComputeTag(byte[] macKey, byte[] wire)
        {
            HmacSha256 hmac = new HmacSha256(macKey);
            hmac.Append(wire, 0, BundleFormat.ImmutableHeaderBytes);
            hmac.Append(wire, BundleFormat.HeaderBytes, wire.Length - BundleFormat.HeaderBytes - BundleFormat.TagBytes);
            return hmac.GetMacAndReset();
        }
    }
}
