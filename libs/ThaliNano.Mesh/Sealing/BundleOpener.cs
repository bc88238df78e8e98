using System;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>
    /// The destination's side of <see cref="BundleSealer"/>: checks shape, address, tag (before decrypting anything),
    /// lifetime and hop count, then decrypts and decodes. Reports a <see cref="BundleRejection"/>; never throws for bad
    /// input.
    /// </summary>
    public sealed class BundleOpener
    {
        private readonly ISealKeyring _keyring;
        private readonly PublicKeyId _self;
        private readonly int _maxBytes;

        public BundleOpener(ISealKeyring keyring, PublicKeyId self)
            : this(keyring, self, BundleFormat.DefaultMaxBytes)
        {
        }

        public BundleOpener(ISealKeyring keyring, PublicKeyId self, int maxBytes)
        {
            if (keyring == null || self == null)
            {
                throw new ArgumentNullException(keyring == null ? "keyring" : "self");
            }

            _keyring = keyring;
            _self = self;
            _maxBytes = maxBytes;
        }

        /// <summary>Opens a sealed bundle; <paramref name="now"/> in DTN seconds (<see cref="DtnTime.Unknown"/> without a clock).</summary>
        public BundleRejection Open(byte[] wire, long now, out OpenedBundle opened)
        {
            opened = null;
            BundleHeader header;
            BundleRejection rejection = BundleHeader.TryParse(wire, _maxBytes, out header);
            if (rejection != BundleRejection.None)
            {
                return rejection;
            }

            if (!header.IsFor(_self))
            {
                return BundleRejection.WrongDestination;
            }

            SealKey key = _keyring.Find(header.Source);
            if (key == null || key.Destination != _self)
            {
                return BundleRejection.UnknownSource;
            }

            byte[] tag = BundleSealer.ComputeTag(key.MacKey, wire);
            int difference = 0;
            for (int i = 0; i < BundleFormat.TagBytes; i++)
            {
                difference |= tag[i] ^ wire[wire.Length - BundleFormat.TagBytes + i];
            }

            if (difference != 0)
            {
                return BundleRejection.BadTag;
            }

            rejection = header.CheckLiveness(now);
            if (rejection != BundleRejection.None)
            {
                return rejection;
            }

            byte[] iv = new byte[BundleFormat.IvBytes];
            Array.Copy(wire, BundleFormat.HeaderBytes, iv, 0, iv.Length);
            int ciphertextStart = BundleFormat.HeaderBytes + BundleFormat.IvBytes;
            byte[] plaintext = AesCbc.Decrypt(key.EncryptionKey, iv, wire, ciphertextStart, wire.Length - ciphertextStart - BundleFormat.TagBytes);
            int length = Pkcs7.UnpaddedLength(plaintext);
            BundlePayload payload;
            if (length < 0 || !BundlePayload.TryDecode(plaintext, 0, length, out payload)
                || !header.IsFromDatabase(BundleHeader.DatabaseHash(payload.DatabaseName))
                || payload.SettledBelow > header.CreationSequence)
            {
                return BundleRejection.Malformed;
            }

            opened = new OpenedBundle(header, payload);
            return BundleRejection.None;
        }
    }
}
