using System;
using ThaliNano.Hashing;
using ThaliNano.Identity;

namespace ThaliNano.FieldPairing.Rsa
{
    /// <summary>
    /// RSAES-OAEP encryption (RFC 8017 section 7.1.1) with SHA-256, MGF1-SHA-256 and an empty label, in managed
    /// code: what .NET decrypts with <c>RSAEncryptionPadding.OaepSHA256</c>. Keys are limited to what the device
    /// affords and what is still secure: 2048 to 4096 bits, odd public exponent from 3 to 2^32 - 1.
    /// </summary>
    public static class RsaOaepEncryptor
    {
        public const int MinModulusBits = 2048;
        public const int MaxModulusBits = 4096;
        private const int HashSize = Sha256.HashSizeInBytes;

        // SHA-256 of the empty label.
        private static readonly byte[] s_emptyLabelHash = Sha256.Hash(new byte[0]);

        /// <summary>Null when the key can be used here, otherwise why not.</summary>
        public static string UnsupportedReason(RsaPublicKey key)
        {
            int bits = key.ModulusBits;
            if (bits < MinModulusBits || bits > MaxModulusBits)
            {
                return "an RSA key of " + bits.ToString() + " bits: field pairing takes 2048 to 4096 bits";
            }

            byte[] modulus = key.GetModulus();
            if ((modulus[modulus.Length - 1] & 1) == 0)
            {
                return "an RSA modulus is odd";
            }

            byte[] exponent = key.GetExponent();
            if (exponent.Length > 4 || (exponent[exponent.Length - 1] & 1) == 0 || (exponent.Length == 1 && exponent[0] < 3))
            {
                return "the RSA public exponent must be odd, from 3 to 2^32 - 1 (65537 is usual)";
            }

            return null;
        }

        /// <summary>The ciphertext: as many bytes as the modulus.</summary>
        public static byte[] Encrypt(RsaPublicKey key, byte[] message, IRandomSource random)
        {
            MontgomeryModulus modulus;
            return Encrypt(key, message, random, out modulus);
        }

        /// <summary>As <see cref="Encrypt(RsaPublicKey, byte[], IRandomSource)"/>, also giving the arithmetic used.</summary>
        internal static byte[] Encrypt(RsaPublicKey key, byte[] message, IRandomSource random, out MontgomeryModulus modulus)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            string reason = UnsupportedReason(key);
            if (reason != null)
            {
                throw new ArgumentException(reason, "key");
            }

            byte[] n = key.GetModulus();
            int k = n.Length;
            if (message.Length > k - 2 * HashSize - 2)
            {
                throw new ArgumentException("the message is too long for this key", "message");
            }

            // EM = 0x00 ‖ maskedSeed ‖ maskedDB, DB = lHash ‖ PS (zeros) ‖ 0x01 ‖ M
            byte[] encoded = new byte[k];
            int dbOffset = 1 + HashSize;
            int dbLength = k - dbOffset;
            Array.Copy(s_emptyLabelHash, 0, encoded, dbOffset, HashSize);
            encoded[k - message.Length - 1] = 0x01;
            Array.Copy(message, 0, encoded, k - message.Length, message.Length);

            byte[] seed = new byte[HashSize];
            random.NextBytes(seed);
            Array.Copy(seed, 0, encoded, 1, HashSize);

            Sha256 sha = new Sha256();
            byte[] block = new byte[HashSize];
            MaskWith(sha, block, encoded, 1, HashSize, encoded, dbOffset, dbLength);
            MaskWith(sha, block, encoded, dbOffset, dbLength, encoded, 1, HashSize);
            Array.Clear(seed, 0, HashSize);

            modulus = new MontgomeryModulus(n);
            byte[] ciphertext = modulus.Power(encoded, key.GetExponent(), k);
            Array.Clear(encoded, 0, k);
            return ciphertext;
        }

        // target[targetOffset..+targetLength] ^= MGF1-SHA-256(source[sourceOffset..+sourceLength])
        private static void MaskWith(Sha256 sha, byte[] block, byte[] source, int sourceOffset, int sourceLength,
            byte[] target, int targetOffset, int targetLength)
        {
            byte[] counter = new byte[4];
            for (int done = 0, count = 0; done < targetLength; done += HashSize, count++)
            {
                counter[0] = (byte)(count >> 24);
                counter[1] = (byte)(count >> 16);
                counter[2] = (byte)(count >> 8);
                counter[3] = (byte)count;
                sha.Append(source, sourceOffset, sourceLength);
                sha.Append(counter, 0, 4);
                sha.GetHashAndReset(block, 0);
                int take = targetLength - done < HashSize ? targetLength - done : HashSize;
                for (int i = 0; i < take; i++)
                {
                    target[targetOffset + done + i] ^= block[i];
                }
            }
        }
    }
}
