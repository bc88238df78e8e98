using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tests.Tls;

/// <summary>
/// ThaliNano.Http's connection slots on the real host transport: sockets that never start their TLS handshake cannot
/// starve clients that complete it, and over-capacity TLS clients get a 503 or a close from the reject path.
/// </summary>
public sealed class ConnectionSlotsOverTlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-slots-").FullName;
    private readonly HubIdentity _identity;
    private readonly HostTlsListener _listener;
    private readonly X509Certificate2 _client = TlsTestClients.Ec("CN=paired");
    private HttpServer? _server;

    public ConnectionSlotsOverTlsTests()
    {
        _identity = HubIdentity.LoadOrCreate(_folder);
        _listener = new HostTlsListener(_identity.Certificate);
    }

    private HttpKeyUrl HubUrl => HttpKeyUrl.Create("127.0.0.1", _listener.Port, _identity.KeyId, "");

    public void Dispose()
    {
        if (_server != null)
        {
            _server.Stop();
        }
        else
        {
            _listener.Close();
        }

        _identity.Dispose();
        _client.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ClientsThatCompleteTheHandshakeAreServedWhile200IdleSocketsAreOpen()
    {
        HttpServerOptions options = HttpServerOptions.ForHost();
        options.PendingTimeoutMilliseconds = 60000;
        Start(options);
        using SslStream kept = PinnedTlsClient.Connect(HubUrl, _client);
        Assert.StartsWith("HTTP/1.1 200", Request(kept, keepAlive: true));

        var idle = new List<TcpClient>();
        try
        {
            for (int i = 0; i < 200; i++)
            {
                var socket = new TcpClient();
                socket.Connect(IPAddress.Loopback, _listener.Port);
                idle.Add(socket);
            }

            WaitFor(() => _server!.EvictedConnections >= 200 - options.MaxPendingConnections, "the idle sockets to be evicted");
            Assert.True(_server!.PendingConnections <= options.MaxPendingConnections);

            // The kept-alive client and new clients are served while the newest idle sockets still hold their pending slots.
            Assert.StartsWith("HTTP/1.1 200", Request(kept, keepAlive: true));
            for (int i = 0; i < 16; i++)
            {
                using SslStream fresh = PinnedTlsClient.Connect(HubUrl, _client);
                Assert.StartsWith("HTTP/1.1 200", Request(fresh, keepAlive: false));
            }

            Assert.Equal(0, _server.RejectedConnections);
            Assert.True(idle.Count(IsClosedByServer) >= 200 - options.MaxPendingConnections);
        }
        finally
        {
            idle.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public void OverCapacityTlsClientsGetA503OrAClose()
    {
        HttpServerOptions options = HttpServerOptions.ForHost();
        options.MaxConnections = 2;
        options.RejectTimeoutMilliseconds = 10000;
        Start(options);
        using SslStream first = PinnedTlsClient.Connect(HubUrl, _client);
        using SslStream second = PinnedTlsClient.Connect(HubUrl, _client);
        Assert.StartsWith("HTTP/1.1 200", Request(first, keepAlive: true));
        Assert.StartsWith("HTTP/1.1 200", Request(second, keepAlive: true));

        // With a generous reject deadline the first one over capacity gets its 503.
        using (SslStream third = PinnedTlsClient.Connect(HubUrl, _client))
        {
            string reply = Request(third, keepAlive: false);
            Assert.StartsWith("HTTP/1.1 503", reply);
            Assert.Contains("the server is busy: at most 2 connections at once", reply);
        }

        // A burst: what the reject queue cannot take is closed at once; every attempt ends one way or the other.
        var outcomes = new string?[32];
        var threads = Enumerable.Range(0, outcomes.Length).Select(i => new Thread(() =>
        {
            try
            {
                using SslStream ssl = PinnedTlsClient.Connect(HubUrl, _client);
                outcomes[i] = Request(ssl, keepAlive: false).StartsWith("HTTP/1.1 503", StringComparison.Ordinal) ? "503" : "closed";
            }
            catch (Exception e) when (e is IOException || e is System.Security.Authentication.AuthenticationException)
            {
                outcomes[i] = "closed";
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(30000), "an over-capacity attempt got neither a 503 nor a close"));
        Assert.All(outcomes, o => Assert.NotNull(o));
        Assert.Equal(33, _server!.RejectedConnections);
        Assert.StartsWith("HTTP/1.1 200", Request(first, keepAlive: true));
    }

    private void Start(HttpServerOptions options)
    {
        _server = new HttpServer(_listener, new Ok(), options);
        _server.Start();
    }

    private static string Request(SslStream ssl, bool keepAlive)
    {
        ssl.Write(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: hub\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n"));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int n = ssl.Read(buffer, 0, buffer.Length);
            if (n == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            string sofar = text.ToString();
            int end = sofar.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (keepAlive && end >= 0 && sofar.EndsWith("ok", StringComparison.Ordinal))
            {
                return sofar;
            }
        }
    }

    private static bool IsClosedByServer(TcpClient socket)
    {
        try
        {
            socket.Client.ReceiveTimeout = 1;
            return socket.Client.Poll(0, SelectMode.SelectRead) && socket.Client.Receive(new byte[1]) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            Thread.Sleep(10);
        }
    }

    private sealed class Ok : IHttpHandler
    {
        public void Handle(HttpRequest request, HttpResponse response) => response.Send("ok"u8.ToArray());
    }
}
