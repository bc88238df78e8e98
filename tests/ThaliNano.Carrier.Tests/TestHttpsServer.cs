using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;

namespace ThaliNano.Carrier.Tests;

/// <summary>What the test server answers: status, content type, body, and optionally a pause after the first bytes.</summary>
public sealed record TestReply(int Status, string ContentType, byte[] Body, int PauseAfterBytes = -1);

/// <summary>
/// A minimal HTTPS/1.1 server on 127.0.0.1 requiring a client certificate: one request per connection, handed to
/// <c>handle</c> with the client's key id. A reply may pause after some bytes until <see cref="Release"/>.
/// </summary>
public sealed class TestHttpsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Func<PublicKeyId, string, byte[], TestReply> _handle;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _released = new();

    public TestHttpsServer(X509Certificate2 certificate, Func<PublicKeyId, string, byte[], TestReply> handle)
    {
        _certificate = certificate;
        _handle = handle;
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = "test https server" };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Whether a paused reply was released by <see cref="Release"/> (false: it gave up waiting).</summary>
    public bool? PauseReleased { get; private set; }

    public string? LastPath { get; private set; }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _listener.Stop();
        _released.Set();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Serve()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;   // stopped
            }

            using (client)
            {
                try
                {
                    Answer(client);
                }
                catch (IOException)
                {
                }
                catch (System.Security.Authentication.AuthenticationException)
                {
                }
            }
        }
    }

    private void Answer(TcpClient client)
    {
        using var ssl = new SslStream(client.GetStream());
        ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
        {
            ServerCertificate = _certificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = HostTlsConnection.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate != null,
        });
        PublicKeyId clientKey = PublicKeyId.FromCertificate(ssl.RemoteCertificate!.GetRawCertData());
        string head = ReadHead(ssl);
        if (!head.EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            return;   // closed before a whole request
        }

        string[] lines = head.Split("\r\n");
        LastPath = lines[0].Split(' ')[1];
        string contentType = Header(lines, "Content-Type") ?? "";
        byte[] body = new byte[int.Parse(Header(lines, "Content-Length") ?? "0")];
        ssl.ReadExactly(body);

        TestReply reply = _handle(clientKey, contentType, body);
        byte[] status = Encoding.ASCII.GetBytes("HTTP/1.1 " + reply.Status + " Status\r\nContent-Type: " + reply.ContentType
            + "\r\nContent-Length: " + reply.Body.Length + "\r\nConnection: close\r\n\r\n");
        ssl.Write(status);
        int first = reply.PauseAfterBytes < 0 ? reply.Body.Length : reply.PauseAfterBytes;
        ssl.Write(reply.Body, 0, first);
        ssl.Flush();
        if (first < reply.Body.Length)
        {
            PauseReleased = _released.Wait(TimeSpan.FromSeconds(10));
            ssl.Write(reply.Body, first, reply.Body.Length - first);
        }

        ssl.Flush();
    }

    private static string ReadHead(Stream stream)
    {
        var head = new StringBuilder();
        int b;
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && (b = stream.ReadByte()) >= 0)
        {
            head.Append((char)b);
        }

        return head.ToString();
    }

    private static string? Header(string[] lines, string name) =>
        lines.Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
}
