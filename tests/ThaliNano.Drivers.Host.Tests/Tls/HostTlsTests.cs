using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tests.Tls;

public sealed class HostTlsTests : IDisposable
{
    private readonly TlsTestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    private HttpKeyUrl HubUrl => HttpKeyUrl.Parse(_hub.Identity.PublishedUrl("127.0.0.1", _hub.Listener.Port));

    [Theory]
    [InlineData("rsa", SslProtocols.Tls13)]
    [InlineData("rsa", SslProtocols.Tls12)]
    [InlineData("ec", SslProtocols.Tls13)]
    [InlineData("ec", SslProtocols.Tls12)]
    public void TheServerSeesTheClientKeyAsPrincipal(string keyType, SslProtocols protocol)
    {
        using X509Certificate2 client = keyType == "rsa" ? TlsTestClients.Rsa() : TlsTestClients.Ec();
        using SslStream ssl = ConnectRaw(client, protocol, pin: _hub.Identity.KeyId);

        Assert.Equal(protocol, ssl.SslProtocol);
        Assert.Equal("principal " + TlsTestClients.KeyIdOf(client) + " GET /probe\n", Exchange(ssl, "GET /probe"));
        Assert.Equal(new[] { TlsTestClients.KeyIdOf(client) }, _hub.Principals);
    }

    [Fact]
    public void AClientWithoutCertificateIsRefusedAtTheHandshake()
    {
        Exception clientError = Record.Exception(() =>
        {
            using SslStream ssl = ConnectRaw(null, SslProtocols.Tls13, pin: _hub.Identity.KeyId);
            // With TLS 1.3 the client may finish its side before the server's verdict arrives: the refusal then
            // surfaces on the first read.
            Exchange(ssl, "GET /should-not-be-served");
        });

        Assert.NotNull(clientError);
        _hub.WaitForHandshakes(1);
        Assert.Empty(_hub.Principals);
        Exception serverError = Assert.Single(_hub.HandshakeFailures);
        Assert.IsAssignableFrom<AuthenticationException>(serverError);
    }

    [Fact]
    public void ThePinnedClientConnectsToTheRightKeyOnly()
    {
        using X509Certificate2 client = TlsTestClients.Ec();
        using (SslStream ssl = PinnedTlsClient.Connect(HubUrl, client))
        {
            Assert.Equal("principal " + TlsTestClients.KeyIdOf(client) + " GET /\n", Exchange(ssl, "GET /"));
        }

        var wrongPin = HttpKeyUrl.Create("127.0.0.1", _hub.Listener.Port, PublicKeyId.FromHash(SHA256.HashData(client.RawData)), "");
        Assert.Throws<AuthenticationException>(() => PinnedTlsClient.Connect(wrongPin, client).Dispose());
    }

    [Fact]
    public void ClosingTheListenerEndsAccept()
    {
        using X509Certificate2 server = TlsTestClients.Rsa("CN=server");
        var listener = new HostTlsListener(server);
        var result = new Box();
        var thread = new Thread(() => result.Value = listener.Accept());
        thread.Start();
        Thread.Sleep(100);
        listener.Close();
        Assert.True(thread.Join(TimeSpan.FromSeconds(5)));
        Assert.Null(result.Value);
        Assert.Null(listener.Accept());
    }

    [Fact]
    public async Task CloseUnblocksAReadOnAnotherThread()
    {
        using X509Certificate2 server = TlsTestClients.Rsa("CN=server");
        using X509Certificate2 client = TlsTestClients.Rsa();
        using var listener = new HostTlsListener(server);
        var url = HttpKeyUrl.Create("127.0.0.1", listener.Port, PublicKeyId.FromCertificate(server.RawData), "");
        Task<SslStream> connecting = Task.Run(() => PinnedTlsClient.Connect(url, client));
        var connection = (HostTlsConnection)listener.Accept()!;
        connection.Open();
        using SslStream clientStream = await connecting;
        Assert.Equal(TlsTestClients.KeyIdOf(client), connection.Principal);

        Task<int> read = Task.Run(() => connection.Stream.Read(new byte[10], 0, 10));
        Thread.Sleep(100);
        Assert.False(read.IsCompleted);
        connection.Close();
        connection.Close(); // idempotent
        Task finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(finished == read, "the blocked read did not return after Close");
    }

    [Fact]
    public void CurlFetchesWithAClientCertificateAndTheHubPinnedOrTrusted()
    {
        using X509Certificate2 client = TlsTestClients.Rsa("CN=curl");
        string folder = _hub.DataFolder;
        string certificatePath = Path.Combine(folder, "curl.cert.pem");
        string keyPath = Path.Combine(folder, "curl.key.pem");
        File.WriteAllText(certificatePath, client.ExportCertificatePem());
        File.WriteAllText(keyPath, TlsTestClients.PrivateKeyPem(client));
        string hubCertificate = Path.Combine(folder, HubIdentity.FolderName, HubIdentity.CertificateFileName);
        string url = "https://127.0.0.1:" + _hub.Listener.Port + "/db/_all_docs";
        string pin = "sha256//" + Convert.ToBase64String(_hub.Identity.KeyId.ToByteArray());

        // httpkey semantics: trust no CA, check only the key (curl still checks the pin with -k).
        (int pinnedExit, string pinnedOutput) = TlsTestClients.Curl(Args("-sS -k --pinnedpubkey " + pin + " --cert " + certificatePath + " --key " + keyPath + " " + url));
        Assert.True(pinnedExit == 0, pinnedOutput);
        Assert.Equal("principal " + TlsTestClients.KeyIdOf(client) + " GET /db/_all_docs\n", pinnedOutput);

        // The hub's certificate as the only trusted CA works too (it names 127.0.0.1).
        (int trustedExit, string trustedOutput) = TlsTestClients.Curl(Args("-sS --cacert " + hubCertificate + " --cert " + certificatePath + " --key " + keyPath + " " + url));
        Assert.True(trustedExit == 0, trustedOutput);
        Assert.StartsWith("principal " + TlsTestClients.KeyIdOf(client), trustedOutput);

        // A wrong pin is refused by curl (after the handshake, so the hub sees the client but gets no request).
        string wrongPin = "sha256//" + Convert.ToBase64String(SHA256.HashData(client.RawData));
        (int wrongPinExit, string wrongPinOutput) = TlsTestClients.Curl(Args("-sS -k --pinnedpubkey " + wrongPin + " --cert " + certificatePath + " --key " + keyPath + " " + url));
        Assert.Equal(90, wrongPinExit); // CURLE_SSL_PINNEDPUBKEYNOTMATCH
        Assert.DoesNotContain("principal", wrongPinOutput);

        // Without a client certificate the hub refuses the handshake.
        int failuresBefore = _hub.HandshakeFailures.Count;
        (int noCertificateExit, string noCertificateOutput) = TlsTestClients.Curl(Args("-sS -k --pinnedpubkey " + pin + " " + url));
        Assert.NotEqual(0, noCertificateExit);
        Assert.DoesNotContain("principal", noCertificateOutput);
        _hub.WaitForHandshakes(_hub.Principals.Count + failuresBefore + 1);
        Assert.Equal(failuresBefore + 1, _hub.HandshakeFailures.Count);
        Assert.All(_hub.Principals, principal => Assert.Equal(TlsTestClients.KeyIdOf(client), principal));
    }

    private sealed class Box
    {
        public object? Value { get; set; } = new();
    }

    // The paths and URLs here contain no spaces.
    private static string[] Args(string arguments) => arguments.Split(' ');

    private SslStream ConnectRaw(X509Certificate2? client, SslProtocols protocol, PublicKeyId pin)
    {
        var tcp = new TcpClient();
        tcp.Connect("127.0.0.1", _hub.Listener.Port);
        tcp.ReceiveTimeout = 10_000;
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = "hub",
            EnabledSslProtocols = protocol,
            ClientCertificates = client == null ? null : new X509CertificateCollection { client },
            LocalCertificateSelectionCallback = client == null ? null : (_, _, _, _, _) => client,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate != null && PinValidator.Matches(certificate.GetRawCertData(), pin),
        });
        return ssl;
    }

    private static string Exchange(Stream stream, string requestLine)
    {
        stream.Write(Encoding.ASCII.GetBytes(requestLine + " HTTP/1.1\r\nHost: hub\r\n\r\n"));
        string response = new StreamReader(stream, Encoding.ASCII).ReadToEnd();
        int bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(bodyStart > 0, "no HTTP response: " + response);
        return response[(bodyStart + 4)..];
    }
}
