// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/Security/SslStream.cs). Signatures only; never used at run time.

using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace System.Net.Security
{
    public class SslStream : NetworkStream
    {
        public SslStream(Socket socket) : base(socket) => throw null;

        /// <summary>Default CertificateRequired. Client certificates are verified only with CertificateRequired and the
        /// two-argument AuthenticateAsServer: the three-argument overload overwrites this property.</summary>
        public SslVerification SslVerification
        {
            get => throw null;
            set => throw null;
        }

        public bool UseStoredDeviceCertificate
        {
            get => throw null;
            set => throw null;
        }

        public void AuthenticateAsClient(string targetHost, SslProtocols enabledSslProtocols) => throw null;
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, SslProtocols enabledSslProtocols) => throw null;
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, X509Certificate ca, SslProtocols enabledSslProtocols) => throw null;
        public void AuthenticateAsServer(X509Certificate serverCertificate, SslProtocols enabledSslProtocols) => throw null;

        /// <summary>Sets SslVerification to VerifyClientOnce (or NoVerification), which the native layer does not verify.</summary>
        public void AuthenticateAsServer(X509Certificate serverCertificate, bool clientCertificateRequired, SslProtocols enabledSslProtocols) => throw null;

        public bool IsServer => throw null;
        public override long Length => throw null;
        public override bool DataAvailable => throw null;

        ~SslStream() { }
        protected override void Dispose(bool disposing) => throw null;
        public override int Read(byte[] buffer, int offset, int size) => throw null;
        public override void Write(byte[] buffer, int offset, int size) => throw null;
    }
}
