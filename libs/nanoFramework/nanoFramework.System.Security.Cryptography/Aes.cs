// Reference declarations of nanoFramework.System.Security.Cryptography 1.0.38 (nanoframework/System.Security.Cryptography, System.Security.Cryptography/Aes.cs). Signatures only; never used at run time.

namespace System.Security.Cryptography
{
    /// <summary>Native AES (mbedTLS). Encrypt and Decrypt take whole 16-byte blocks (no padding) and return a new
    /// array; a Key of other than 16 or 32 bytes, or data not a multiple of 16 bytes, throws ArgumentException;
    /// no Key set throws InvalidOperationException. Not IDisposable.</summary>
    public class Aes
    {
        public Aes(CipherMode mode) => throw null;

        public CipherMode Mode
        {
            get => throw null;
            set => throw null;
        }

        public byte[] Key
        {
            get => throw null;
            set => throw null;
        }

        public byte[] IV
        {
            get => throw null;
            set => throw null;
        }

        public byte[] Encrypt(byte[] data) => throw null;
        public byte[] Decrypt(byte[] data) => throw null;
    }
}
