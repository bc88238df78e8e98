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

        /// <summary>Plaintext encrypted per call of the platform's AES, which takes and returns whole arrays.</summary>
        public const int ChunkBytes = 256;

        /// <summary>
        /// Encrypts data[offset, +count) (a multiple of 16 bytes) in place with a 16- or 32-byte key, <see cref="ChunkBytes"/>
        /// at a time, each chunk chained on the last ciphertext block of the one before: a bundle is never copied whole.
        /// </summary>
        public static void EncryptInPlace(byte[] key, byte[] iv, byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            Check(key, iv, count);
            byte[] chain = (byte[])iv.Clone();
            byte[] chunk = new byte[count < ChunkBytes ? count : ChunkBytes];
            Aes aes = CreateCbc(key);
            try
            {
                for (int at = 0; at < count; at += chunk.Length)
                {
                    if (count - at < chunk.Length)
                    {
                        chunk = new byte[count - at];
                    }

                    Array.Copy(data, offset + at, chunk, 0, chunk.Length);
                    byte[] encrypted = EncryptChunk(aes, chain, chunk);
                    Array.Copy(encrypted, 0, data, offset + at, chunk.Length);
                    Array.Copy(encrypted, chunk.Length - BlockBytes, chain, 0, BlockBytes);
                }
            }
            finally
            {
                Release(aes);
            }
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

#if NANOFRAMEWORK
        private static Aes CreateCbc(byte[] key)
        {
            Aes aes = new Aes(CipherMode.CBC);
            aes.Key = key;
            return aes;
        }

        private static byte[] EncryptChunk(Aes aes, byte[] iv, byte[] blocks)
        {
            aes.IV = iv;
            return aes.Encrypt(blocks);
        }

        private static void Release(Aes aes)
        {
        }
#else
        private static Aes CreateCbc(byte[] key)
        {
            Aes aes = Aes.Create();
            aes.Key = key;
            return aes;
        }

        private static byte[] EncryptChunk(Aes aes, byte[] iv, byte[] blocks)
        {
            aes.EncryptCbc(blocks, iv, blocks, PaddingMode.None);
            return blocks;
        }

        private static void Release(Aes aes)
        {
            aes.Dispose();
        }
#endif

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
