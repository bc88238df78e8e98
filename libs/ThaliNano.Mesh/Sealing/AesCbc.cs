using System;
using System.Security.Cryptography;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>
    /// AES-CBC over whole 16-byte blocks, no padding (<see cref="Pkcs7"/> pads): nanoFramework's native
    /// <c>Aes(CipherMode.CBC)</c> on the device, the BCL's <c>Aes.EncryptCbc/DecryptCbc</c> with
    /// <c>PaddingMode.None</c> on net10.0. The only code of this library that differs between the targets.
    /// </summary>
    internal static class AesCbc
    {
        public const int BlockBytes = 16;

        /// <summary>Encrypts <paramref name="blocks"/> (a multiple of 16 bytes) with a 16- or 32-byte key.</summary>
        public static byte[] Encrypt(byte[] key, byte[] iv, byte[] blocks)
        {
            Check(key, iv, blocks.Length);
#if NANOFRAMEWORK
            Aes aes = new Aes(CipherMode.CBC);
            aes.Key = key;
            aes.IV = iv;
            return aes.Encrypt(blocks);
#else
            using (Aes aes = Aes.Create())
            {
                aes.Key = key;
                return aes.EncryptCbc(blocks, iv, PaddingMode.None);
            }
#endif
        }

        /// <summary>Decrypts data[offset, +count) (a multiple of 16 bytes).</summary>
        public static byte[] Decrypt(byte[] key, byte[] iv, byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            Check(key, iv, count);
#if NANOFRAMEWORK
            byte[] blocks = new byte[count];
            Array.Copy(data, offset, blocks, 0, count);
            Aes aes = new Aes(CipherMode.CBC);
            aes.Key = key;
            aes.IV = iv;
            return aes.Decrypt(blocks);
#else
            using (Aes aes = Aes.Create())
            {
                aes.Key = key;
                return aes.DecryptCbc(data.AsSpan(offset, count), iv, PaddingMode.None);
            }
#endif
        }

        private static void Check(byte[] key, byte[] iv, int count)
        {
            if (key == null || (key.Length != 16 && key.Length != 32))
            {
                throw new ArgumentException("an AES key is 16 or 32 bytes", "key");
            }

            if (iv == null || iv.Length != BlockBytes)
            {
                throw new ArgumentException("a CBC IV is 16 bytes", "iv");
            }

            if (count % BlockBytes != 0)
            {
                throw new ArgumentException("CBC without padding takes whole 16-byte blocks", "count");
            }
        }
    }
}
