namespace ThaliNano.Discovery
{
    /// <summary>One 16-byte block through a keyed block cipher; the seam through which tests count cipher calls.</summary>
    internal interface IBlockCipher
    {
        /// <summary>Encrypts input[inputOffset, +16) into output[outputOffset, +16).</summary>
        void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset);

        /// <summary>Decrypts input[inputOffset, +16) into output[outputOffset, +16).</summary>
        void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset);
    }
}
