using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tls;

/// <summary>
/// The client side of an httpkey connection from the host: TLS with a client certificate, accepting the server only
/// when its certificate carries the pinned key (host names and CAs play no part).
/// </summary>
public static class PinnedTlsClient
{
    /// <summary>
    /// TLS client options of an httpkey connection: <paramref name="clientCertificate"/> offered, the server accepted only
    /// when its certificate carries <paramref name="pinned"/>. For SslStream and for HttpClient's SocketsHttpHandler.
    /// </summary>
    public static SslClientAuthenticationOptions Options(PublicKeyId pinned, X509Certificate2 clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        return new SslClientAuthenticationOptions
        {
            ClientCertificates = new X509CertificateCollection { clientCertificate },
            EnabledSslProtocols = HostTlsConnection.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate != null && PinValidator.Matches(certificate.GetRawCertData(), pinned),
        };
    }

    /// <summary>Connects, authenticates both ways and returns the TLS stream; throws AuthenticationException on a wrong key.</summary>
    public static SslStream Connect(HttpKeyUrl url, X509Certificate2 clientCertificate, int timeoutMilliseconds = 10_000)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        var client = new TcpClient { NoDelay = true, ReceiveTimeout = timeoutMilliseconds, SendTimeout = timeoutMilliseconds };
        try
        {
            string host = url.Host.StartsWith('[') ? url.Host[1..^1] : url.Host;
            if (!client.ConnectAsync(host, url.Port).Wait(timeoutMilliseconds))
            {
                throw new TimeoutException("no TCP connection to " + url.Host + ":" + url.Port + " within " + timeoutMilliseconds + " ms");
            }

            var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            SslClientAuthenticationOptions options = Options(url.KeyId, clientCertificate);
            options.TargetHost = "thalinano";
            ssl.AuthenticateAsClient(options);
            return ssl;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
