// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/X509Certificates/X509Certificate2.cs). Signatures only; never used at run time.

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2() => throw null;
        public X509Certificate2(byte[] rawData) => throw null;
        public X509Certificate2(string certificate) => throw null;
        public X509Certificate2(string rawData, string key, string password) => throw null;
        public X509Certificate2(byte[] rawData, string key, string password) => throw null;
        public X509Certificate2(byte[] rawData, byte[] key, string password) => throw null;

        public bool HasPrivateKey => throw null;
        public byte[] PrivateKey => throw null;
        public byte[] PublicKey => throw null;
        public DateTime NotAfter => throw null;
        public DateTime NotBefore => throw null;
        public byte[] RawData => throw null;
    }
}
