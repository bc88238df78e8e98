using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Http;

namespace ThaliNano.Drivers.Esp32.Tls
{
    /// <summary>
    /// The ESP32 board's transport: a listening TCP socket whose connections run mutual TLS in mbedTLS. Only clients
    /// whose certificate is in the device CA bundle (<see cref="PairedCertificates"/>) complete the handshake; which
    /// of them connected cannot be read back, so <see cref="IConnection.Principal"/> is null and each request proves
    /// its principal with a ThaliKey header (ThaliNano.Identity).
    /// </summary>
    public sealed class Esp32TlsListener : IConnectionListener
    {
        private readonly Socket _socket;
        private readonly X509Certificate _serverCertificate;
        private readonly SslProtocols _protocols;
        private readonly int _timeoutMilliseconds;
        private readonly object _lock = new object();
        private bool _closed;

        /// <param name="serverCertificate">The hub's certificate with its key (see <see cref="LoadServerCertificate"/>).</param>
        /// <param name="port">The TCP port on all interfaces.</param>
        /// <param name="backlog">Pending connections the stack queues; keep it small, the ESP32 has about 16 sockets.</param>
        /// <param name="protocols">TLS 1.2 by default; add <see cref="SslProtocols.Tls13"/> only on firmware built with it.</param>
        /// <param name="timeoutMilliseconds">Send and receive timeout of each connection, -1 for none.</param>
        public Esp32TlsListener(X509Certificate serverCertificate, int port, int backlog, SslProtocols protocols, int timeoutMilliseconds)
        {
            if (serverCertificate == null)
            {
                throw new ArgumentNullException("serverCertificate");
            }

            _serverCertificate = serverCertificate;
            _protocols = protocols;
            _timeoutMilliseconds = timeoutMilliseconds;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                _socket.Bind(new IPEndPoint(IPAddress.Any, port));
                _socket.Listen(backlog);
            }
            catch
            {
                _socket.Close();
                throw;
            }
        }

        /// <summary>The certificate and private key as PEM text, as stored on the device (key unencrypted: password null).</summary>
        public static X509Certificate2 LoadServerCertificate(string certificatePem, string privateKeyPem)
        {
            return new X509Certificate2(certificatePem, privateKeyPem, null);
        }

        public IConnection Accept()
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = _socket.Accept();
                }
                catch (Exception)
                {
                    if (IsClosed)
                    {
                        return null;
                    }

                    throw;
                }

                if (IsClosed)
                {
                    client.Close();
                    return null;
                }

                if (_timeoutMilliseconds != -1)
                {
                    client.ReceiveTimeout = _timeoutMilliseconds;
                    client.SendTimeout = _timeoutMilliseconds;
                }

                return new Esp32TlsConnection(client, _serverCertificate, _protocols);
            }
        }

        public void Close()
        {
            lock (_lock)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
            }

            _socket.Close();
        }

        private bool IsClosed
        {
            get
            {
                lock (_lock)
                {
                    return _closed;
                }
            }
        }
    }
}
