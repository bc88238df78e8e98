using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Http;

namespace ThaliNano.Drivers.Esp32.Tls
{
    /// <summary>
    /// One connection of <see cref="Esp32TlsListener"/>. <see cref="Open"/> runs the mbedTLS handshake with client
    /// verification against the device CA bundle: <c>SslVerification = CertificateRequired</c> and the two-argument
    /// AuthenticateAsServer. (The three-argument overload with clientCertificateRequired = true sets VerifyClientOnce,
    /// which the native layer maps to no verification at all.)
    /// </summary>
    public sealed class Esp32TlsConnection : IConnection
    {
        private readonly Socket _socket;
        private readonly X509Certificate _serverCertificate;
        private readonly SslProtocols _protocols;
        private readonly string _remoteEndPoint;
        private readonly object _lock = new object();
        private SslStream _ssl;
        private bool _closed;

        internal Esp32TlsConnection(Socket socket, X509Certificate serverCertificate, SslProtocols protocols)
        {
            _socket = socket;
            _serverCertificate = serverCertificate;
            _protocols = protocols;
            try
            {
                _remoteEndPoint = socket.RemoteEndPoint.ToString();
            }
            catch (SocketException)
            {
                _remoteEndPoint = null;
            }
        }

        public void Open()
        {
            SslStream ssl;
            lock (_lock)
            {
                if (_closed)
                {
                    throw new ObjectDisposedException("Esp32TlsConnection");
                }

                // From here the SslStream owns the socket and closes it when disposed.
                ssl = new SslStream(_socket);
                ssl.SslVerification = SslVerification.CertificateRequired;
                _ssl = ssl;
            }

            ssl.AuthenticateAsServer(_serverCertificate, _protocols);
        }

        public Stream Stream
        {
            get { return _ssl; }
        }

        /// <summary>Always null: nanoFramework exposes no way to read which client certificate connected.</summary>
        public string Principal
        {
            get { return null; }
        }

        public string RemoteEndPoint
        {
            get { return _remoteEndPoint; }
        }

        public void Close()
        {
            SslStream ssl;
            lock (_lock)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                ssl = _ssl;
            }

            if (ssl != null)
            {
                ssl.Dispose();
            }
            else
            {
                _socket.Close();
            }
        }
    }
}
