// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/Security/CertificateManager.cs). Signatures only; never used at run time.

using System.Security.Cryptography.X509Certificates;

namespace System.Net.Security
{
    public static class CertificateManager
    {
        /// <summary>Replaces the device's CA bundle (the only store client and server certificates are verified against).</summary>
        public static bool AddCaCertificateBundle(X509Certificate[] ca) => throw null;
        public static bool AddCaCertificateBundle(string ca) => throw null;
        public static bool AddCaCertificateBundle(byte[] ca) => throw null;
    }
}
