using System;
using System.Text;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>
    /// The keys of one (source, destination) pair, derived from the secret the hub shares with the destination
    /// (README, "Keys"): PRK = HKDF-Extract(salt "ThaliNano mesh v1", secret), then per purpose
    /// HKDF-Expand(PRK, label || source key id || destination key id): the AES key of bundles (16 or 32 bytes), their
    /// MAC key and the receipts' MAC key (32 bytes each). Source and destination build the same SealKey.
    /// </summary>
    public sealed class SealKey
    {
        public const int MinSecretBytes = 16;

        private const string Salt = "ThaliNano mesh v1";
        private const string EncryptionLabel = "bundle aes";
        private const string MacLabel = "bundle mac";
        private const string ReceiptLabel = "receipt mac";

        /// <summary>AES-128 keys.</summary>
        public SealKey(byte[] sharedSecret, PublicKeyId source, PublicKeyId destination)
            : this(sharedSecret, source, destination, 16)
        {
        }

        /// <summary><paramref name="aesKeyBytes"/>: 16 (AES-128) or 32 (AES-256).</summary>
        public SealKey(byte[] sharedSecret, PublicKeyId source, PublicKeyId destination, int aesKeyBytes)
        {
            if (sharedSecret == null || source == null || destination == null)
            {
                throw new ArgumentNullException(sharedSecret == null ? "sharedSecret" : source == null ? "source" : "destination");
            }

            if (sharedSecret.Length < MinSecretBytes)
            {
                throw new ArgumentException("a shared secret has at least 16 bytes", "sharedSecret");
            }

            if (aesKeyBytes != 16 && aesKeyBytes != 32)
            {
                throw new ArgumentException("an AES key is 16 or 32 bytes", "aesKeyBytes");
            }

            Source = source;
            Destination = destination;
            byte[] prk = Hkdf.Extract(Encoding.UTF8.GetBytes(Salt), sharedSecret);
            EncryptionKey = Hkdf.Expand(prk, Info(EncryptionLabel, source, destination), aesKeyBytes);
            MacKey = Hkdf.Expand(prk, Info(MacLabel, source, destination), HmacSha256.MacSizeInBytes);
            ReceiptKey = Hkdf.Expand(prk, Info(ReceiptLabel, source, destination), HmacSha256.MacSizeInBytes);
            Array.Clear(prk, 0, prk.Length);
        }

        public PublicKeyId Source { get; }

        public PublicKeyId Destination { get; }

        internal byte[] EncryptionKey { get; }

        internal byte[] MacKey { get; }

        internal byte[] ReceiptKey { get; }

        private static byte[] Info(string label, PublicKeyId source, PublicKeyId destination)
        {
            byte[] text = Encoding.UTF8.GetBytes(label);
            byte[] info = new byte[text.Length + (2 * PublicKeyId.SizeInBytes)];
            Array.Copy(text, info, text.Length);
            Array.Copy(source.ToByteArray(), 0, info, text.Length, PublicKeyId.SizeInBytes);
            Array.Copy(destination.ToByteArray(), 0, info, text.Length + PublicKeyId.SizeInBytes, PublicKeyId.SizeInBytes);
            return info;
        }
    }
}
