using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tls;

/// <summary>
/// One mutually authenticated TLS connection. The handshake accepts any client certificate, self-signed or not, that
/// the listener's optional client filter does not refuse (a hub refuses keys it is not paired with), and makes its key
/// the principal: deciding what a principal may do is the ACL layer's job, not TLS's.
/// A client without a certificate is refused during the handshake.
/// </summary>
public sealed class HostTlsConnection : IConnection
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly TcpClient _client;
    private readonly X509Certificate2 _serverCertificate;
    private readonly SslStream _ssl;
    private readonly Func<PublicKeyId, string?>? _clientFilter;
    private readonly object _closeLock = new();
    private PublicKeyId? _clientKey;
    private string? _refusal;
    private bool _closed;

    internal HostTlsConnection(TcpClient client, X509Certificate2 serverCertificate, Func<PublicKeyId, string?>? clientFilter)
    {
        _client = client;
        _serverCertificate = serverCertificate;
        _clientFilter = clientFilter;
        _ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, ValidateClientCertificate);
        RemoteEndPoint = client.Client.RemoteEndPoint?.ToString();
    }

    public Stream Stream => _ssl;

    /// <summary>The client key's id in base64url, after <see cref="Open"/>.</summary>
    public string? Principal => _clientKey?.ToBase64Url();

    /// <summary>The client key's id, after <see cref="Open"/>.</summary>
    public PublicKeyId? ClientKey => _clientKey;

    public string? RemoteEndPoint { get; }

    /// <summary>Runs the TLS handshake; throws <see cref="AuthenticationException"/> (or an I/O error) when it fails.</summary>
    public void Open()
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = _serverCertificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        try
        {
            _ssl.AuthenticateAsServer(options);
        }
        catch (AuthenticationException e) when (_refusal != null)
        {
            throw new AuthenticationException("TLS client refused: " + _refusal, e);
        }

        if (_clientKey == null)
        {
            throw new AuthenticationException("TLS client refused: no client certificate");
        }
    }

    public void Close()
    {
        lock (_closeLock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        // Shutting the socket down first makes a read or write blocked on another thread return at once, while data
        // already written still reaches the client (an abortive close would reset it).
        try
        {
            _client.Client.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _ssl.Dispose();
        _client.Dispose();
    }

    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Chain errors are expected (peers are self-signed); only the key matters.
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            _refusal = "no client certificate";
            return false;
        }

        PublicKeyId key;
        try
        {
            key = PublicKeyId.FromCertificate(certificate.GetRawCertData());
        }
        catch (DerFormatException e)
        {
            _refusal = "the client certificate is not strict DER: " + e.Message;
            return false;
        }

        string? refusal = _clientFilter?.Invoke(key);
        if (refusal != null)
        {
            _refusal = refusal;
            return false;
        }

        _clientKey = key;
        return true;
    }
}
