// Reference declarations of nanoFramework.System.Security.Cryptography 1.0.38 (nanoframework/System.Security.Cryptography, System.Security.Cryptography/HMACSHA256.cs). Signatures only; never used at run time.

namespace System.Security.Cryptography
{
    /// <summary>Native HMAC-SHA256. The parameterless constructor draws its 64-byte key from System.Random.</summary>
    public class HMACSHA256 : IDisposable
    {
        public HMACSHA256() => throw null;
        public HMACSHA256(byte[] key) => throw null;

        public byte[] Hash => throw null;

        public byte[] Key
        {
            get => throw null;
            set => throw null;
        }

        public byte[] ComputeHash(byte[] buffer) => throw null;
        public static byte[] HashData(byte[] key, byte[] source) => throw null;
        public void Dispose() => throw null;
        protected void Dispose(bool disposing) => throw null;
    }
}
