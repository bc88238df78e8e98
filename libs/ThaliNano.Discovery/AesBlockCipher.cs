using System;
using System.Security.Cryptography;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// Single-block AES-128 (ECB of exactly one block, no padding): native AES through nanoFramework's
    /// <c>Aes(CipherMode.ECB)</c> on the device, the BCL's <c>Aes.EncryptEcb</c> on net10.0. The only code of this
    /// library that differs between the targets. Not thread-safe.
    /// </summary>
    internal sealed class AesBlockCipher : IBlockCipher
    {
        public const int BlockSizeInBytes = 16;
        public const int KeySizeInBytes = 16;

        private readonly Aes _aes;
#if NANOFRAMEWORK
        private readonly byte[] _block = new byte[BlockSizeInBytes];
#endif

        public AesBlockCipher(byte[] key)
        {
            if (key == null || key.Length != KeySizeInBytes)
            {
                throw new ArgumentException("an AES-128 key is 16 bytes", "key");
            }

#if NANOFRAMEWORK
            _aes = new Aes(CipherMode.ECB);
#else
            _aes = Aes.Create();
#endif
            _aes.Key = (byte[])key.Clone();
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            ArgumentChecks.Range(input, inputOffset, BlockSizeInBytes);
            ArgumentChecks.Range(output, outputOffset, BlockSizeInBytes);
#if NANOFRAMEWORK
            Array.Copy(input, inputOffset, _block, 0, BlockSizeInBytes);
            Array.Copy(_aes.Encrypt(_block), 0, output, outputOffset, BlockSizeInBytes);
#else
            _aes.EncryptEcb(input.AsSpan(inputOffset, BlockSizeInBytes), output.AsSpan(outputOffset, BlockSizeInBytes), PaddingMode.None);
#endif
        }

        public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            ArgumentChecks.Range(input, inputOffset, BlockSizeInBytes);
            ArgumentChecks.Range(output, outputOffset, BlockSizeInBytes);
#if NANOFRAMEWORK
            Array.Copy(input, inputOffset, _block, 0, BlockSizeInBytes);
            Array.Copy(_aes.Decrypt(_block), 0, output, outputOffset, BlockSizeInBytes);
#else
            _aes.DecryptEcb(input.AsSpan(inputOffset, BlockSizeInBytes), output.AsSpan(outputOffset, BlockSizeInBytes), PaddingMode.None);
#endif
        }
    }
}
