using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests;

/// <summary>
/// The firmware's <see cref="Hub"/> in-process, as a board composes it: pairing registry and store on temporary folders,
/// alice (the owner) and bob paired, and <see cref="WhoAmI"/> mounted at /whoami with <see cref="Hub.Mount"/>. Requests
/// travel over in-memory connections that report whatever transport key the test chooses (null: the ESP32).
/// </summary>
internal sealed class AuthHub : IDisposable
{
    public static readonly PublicKeyId HubKey = PublicKeyId.FromHash(SHA256.HashData("this hub's certificate key"u8));

    private readonly string _folder = Directory.CreateTempSubdirectory("thali-auth-").FullName;
    private readonly PairingRegistry _registry;
    private readonly Action<HubConfiguration>? _configure;
    private readonly Action<Hub>? _mount;
    private QueueListener _listener = new();
    private Hub _hub;

    /// <param name="displayName">The name the hub publishes in its directory entry.</param>
    /// <param name="configure">Changes the configuration before each start (status page sources, clocks).</param>
    /// <param name="mount">Mounts more handlers before each start.</param>
    public AuthHub(string? displayName = "test hub", Action<HubConfiguration>? configure = null, Action<Hub>? mount = null)
    {
        _configure = configure;
        _mount = mount;
        _registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions(), new SecureRandom());
        _registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
        Alice = Pair("alice", owner: true);
        Bob = Pair("bob", owner: false);
        _hub = StartHub(displayName);
    }

    /// <summary>This hub's httpkey URL, as it publishes it in its directory entry.</summary>
    public static string Url => HttpKeyUrl.Create("127.0.0.1", 6985, HubKey, "").ToString();

    public string HubUuid => _hub.HubUuid;

    /// <summary>The running hub (its store).</summary>
    public Hub Hub => _hub;

    public Client Alice { get; }

    public Client Bob { get; }

    /// <summary>A key that is not paired (its holder may still connect on the ESP32, whose CA bundle is not per key).</summary>
    public Client Mallory { get; } = new(PublicKeyId.FromHash(SHA256.HashData("mallory"u8)), RandomNumberGenerator.GetBytes(32));

    public string Epoch => _hub.Epoch;

    public string Challenge => "ThaliKey epoch=\"" + Epoch + "\"";

    /// <summary>Every body <see cref="WhoAmI"/> read to its end and acted on, in order.</summary>
    public ConcurrentQueue<string> Acted { get; } = new();

    /// <summary>Sends one request over a fresh connection whose transport reports <paramref name="transportKey"/>.</summary>
    /// <param name="headers">More header lines, each ending in CRLF (a Content-Type here replaces application/json).</param>
    public Response Send(PublicKeyId? transportKey, string method, string target, string? authorization, string body = "", bool chunked = false,
        string headers = "")
    {
        ClientConnection connection = Start(transportKey, method, target, authorization, body, chunked, headers);
        Assert.True(connection.WaitClosed(TimeSpan.FromSeconds(30)), "no response to " + method + " " + target);
        return Response.Parse(connection.Written, method == "HEAD");
    }

    /// <summary>Hands the hub a connection the test made (it reads the request from it and writes the response to it).</summary>
    public void Serve(IConnection connection) => _listener.Enqueue(connection);

    /// <summary>Sends a request signed by <paramref name="client"/> for this hub, its epoch and exactly this body.</summary>
    public Response SendSigned(Client client, PublicKeyId? transportKey, string method, string target, string body = "") =>
        Send(transportKey, method, target, client.Sign(Epoch, method, target, body), body);

    /// <summary>Starts a signed request without waiting for its answer (live feeds): the test reads the connection.</summary>
    public ClientConnection StartSigned(Client client, string method, string target) =>
        Start(null, method, target, client.Sign(Epoch, method, target, ""), "", chunked: false, "");

    private ClientConnection Start(PublicKeyId? transportKey, string method, string target, string? authorization, string body, bool chunked,
        string headers)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n");
        head.Append(headers.Contains("Content-Type:", StringComparison.OrdinalIgnoreCase) ? "" : "Content-Type: application/json\r\n").Append(headers);
        if (authorization != null)
        {
            head.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        byte[] content = Encoding.UTF8.GetBytes(body);
        var raw = new MemoryStream();
        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n\r\n");
            raw.Write(Encoding.ASCII.GetBytes(head.ToString()));
            foreach (byte[] chunk in content.Chunk(3))
            {
                raw.Write(Encoding.ASCII.GetBytes(chunk.Length.ToString("x") + "\r\n"));
                raw.Write(chunk);
                raw.Write("\r\n"u8);
            }

            raw.Write("0\r\n\r\n"u8);
        }
        else
        {
            head.Append("Content-Length: ").Append(content.Length).Append("\r\n\r\n");
            raw.Write(Encoding.ASCII.GetBytes(head.ToString()));
            raw.Write(content);
        }

        var connection = new ClientConnection(raw.ToArray(), transportKey?.ToBase64Url());
        _listener.Enqueue(connection);
        return connection;
    }

    /// <summary>Stops the hub and starts a new one on the same registry and store (a reboot), with this display name.</summary>
    public void Restart(string? displayName)
    {
        _hub.Stop();
        _listener = new QueueListener();
        _hub = StartHub(displayName);
    }

    public void Dispose()
    {
        _hub.Stop();
        _registry.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Hub StartHub(string? displayName)
    {
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.Registry = _registry;
        configuration.HubKeyId = HubKey;
        configuration.EpochRandom = RandomNumberGenerator.GetBytes(16);
        configuration.Http.LingerMilliseconds = 20;
        configuration.DirectoryUrls = [Url];
        configuration.DisplayName = displayName;
        _configure?.Invoke(configuration);
        var hub = new Hub(configuration, new HostFileStorage(Path.Combine(_folder, "store")), _listener);
        hub.Mount("whoami", new WhoAmI(Acted));
        _mount?.Invoke(hub);
        hub.Start();
        return hub;
    }

    private Client Pair(string name, bool owner)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = HubIdentity.CreateSelfSigned(key, "CN=" + name);
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        return new Client(_registry.Pair(certificate.RawData, secret, owner), secret);
    }

    /// <summary>The OS's secure generator, for the proof secrets POST /_pairing hands out.</summary>
    private sealed class SecureRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }

    /// <summary>A client: its key id and proof secret, signing with counters 1, 2, ...</summary>
    internal sealed class Client(PublicKeyId key, byte[] secret)
    {
        private long _counter;

        public PublicKeyId Key => key;

        public string Sign(string epoch, string method, string target, string body, PublicKeyId? hub = null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            return ThaliKeyProof.CreateHeader(key, secret, hub ?? HubKey, epoch, Interlocked.Increment(ref _counter), method, target,
                ThaliKeyProof.DigestOfBody(bytes, 0, bytes.Length));
        }
    }

    /// <summary>Reads the whole body in small reads, records it as acted on, and answers {"principal", "body", "authorization"}.</summary>
    private sealed class WhoAmI(ConcurrentQueue<string> acted) : IHttpHandler
    {
        public void Handle(HttpRequest request, HttpResponse response)
        {
            var body = new MemoryStream();
            byte[] buffer = new byte[5];
            int read;
            while ((read = request.Body.Read(buffer, 0, buffer.Length)) > 0)
            {
                body.Write(buffer, 0, read);
            }

            string text = Encoding.UTF8.GetString(body.ToArray());
            acted.Enqueue(text);
            response.Headers.Set("Content-Type", "application/json");
            response.Send(JsonSerializer.SerializeToUtf8Bytes(new
            {
                principal = request.Principal,
                body = text,
                authorization = request.Headers.Get("Authorization"),
            }));
        }
    }
}
