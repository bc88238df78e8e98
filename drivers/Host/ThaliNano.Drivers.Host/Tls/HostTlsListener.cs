using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tls;

/// <summary>
/// The host board's transport: TCP on 127.0.0.1 (by default) with mutual TLS 1.2/1.3. Accept hands out connections
/// whose handshake runs in <see cref="HostTlsConnection.Open"/> on the connection's own thread.
/// </summary>
public sealed class HostTlsListener : IConnectionListener, IDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _serverCertificate;
    private readonly Func<PublicKeyId, string?>? _clientFilter;
    private volatile bool _closed;

    /// <param name="serverCertificate">The hub's certificate with its private key (<see cref="HubIdentity.Certificate"/>).</param>
    /// <param name="port">0 picks a free port; see <see cref="Port"/>.</param>
    /// <param name="address">Defaults to 127.0.0.1: the hub serves this machine unless told otherwise.</param>
    /// <param name="clientFilter">
    /// Consulted during the handshake with the client certificate's key id: null accepts the client, a text refuses the
    /// handshake with that reason (a hub passes its pairing registry here). Null accepts every certificate.
    /// </param>
    public HostTlsListener(X509Certificate2 serverCertificate, int port = 0, IPAddress? address = null,
        Func<PublicKeyId, string?>? clientFilter = null)
    {
        ArgumentNullException.ThrowIfNull(serverCertificate);
        if (!serverCertificate.HasPrivateKey)
        {
            throw new ArgumentException("the server certificate needs its private key", nameof(serverCertificate));
        }

        _serverCertificate = serverCertificate;
        _clientFilter = clientFilter;
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start();
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public int Port => LocalEndPoint.Port;

    public IConnection? Accept()
    {
        while (!_closed)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception e) when (_closed && (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException))
            {
                return null;
            }

            if (_closed)
            {
                client.Dispose();
                return null;
            }

            client.NoDelay = true;
            return new HostTlsConnection(client, _serverCertificate, _clientFilter);
        }

        return null;
    }

    public void Close()
    {
        _closed = true;
        _listener.Stop();
    }

    public void Dispose() => Close();
}
