using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests.Mesh;

/// <summary>
/// A firmware <see cref="Hub"/> composed as a mesh sensor: alice (owner), bob (paired, nothing more) and carol (in
/// group:carriers), a "readings" database, the mesh state in the pairing registry. Requests travel over in-memory
/// connections whose transport names the key (the host board's mTLS).
/// </summary>
internal sealed class MeshHub : IDisposable
{
    public static readonly PublicKeyId HubKey = PublicKeyId.FromHash(SHA256.HashData("mesh hub key"u8));
    public static readonly PublicKeyId DestinationKey = PublicKeyId.FromHash(SHA256.HashData("gateway key"u8));

    private readonly string _folder = Directory.CreateTempSubdirectory("thali-mesh-").FullName;
    private QueueListener _listener = new();

    public MeshHub(Action<SourceOptions>? configure = null)
    {
        Registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), HubConfiguration.RegistryStoreOptions(), new SecureRandom());
        Registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
        Alice = Pair("alice", owner: true);
        Bob = Pair("bob", owner: false);
        Carol = Pair("carol", owner: false);
        configure?.Invoke(Source);
        Hub = StartHub();
        Hub.Couch.SystemWrites.AddToGroup(MeshOptions.CarrierGroup, Carol.ToBase64Url());
        Readings = Hub.Store.CreateDatabase("readings");
    }

    public PairingRegistry Registry { get; }

    public Hub Hub { get; private set; }

    public Database Readings { get; private set; }

    public PublicKeyId Alice { get; }

    public PublicKeyId Bob { get; }

    public PublicKeyId Carol { get; }

    public byte[] Secret { get; } = RandomNumberGenerator.GetBytes(32);

    public SourceOptions Source { get; } = new();

    public ManualMeshClock Clock { get; } = new();

    public string[] WriteReadings(int n, string prefix = "r")
    {
        string[] ids = Enumerable.Range(0, n).Select(i => prefix + i.ToString("D4")).ToArray();
        foreach (string id in ids)
        {
            Readings.Put(id, null, Encoding.UTF8.GetBytes("{\"t\":21.5,\"p\":\"" + new string('x', 80) + "\"}"));
        }

        return ids;
    }

    /// <summary>POSTs a body to /_mesh/contact (or another target) as <paramref name="transportKey"/>.</summary>
    public Response Send(PublicKeyId? transportKey, string method, string target, byte[] body, string contentType = MeshEndpoint.ContentType, long? declaredLength = null)
    {
        var raw = new MemoryStream();
        raw.Write(Encoding.ASCII.GetBytes(method + " " + target + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\nContent-Type: " + contentType
            + "\r\nContent-Length: " + (declaredLength ?? body.Length) + "\r\n\r\n"));
        raw.Write(body);
        var connection = new ClientConnection(raw.ToArray(), transportKey?.ToBase64Url());
        _listener.Enqueue(connection);
        Assert.True(connection.WaitClosed(TimeSpan.FromSeconds(30)), "no response to " + method + " " + target);
        return Response.Parse(connection.Written, method == "HEAD");
    }

    /// <summary>A contact link over POST /_mesh/contact as <paramref name="transportKey"/>.</summary>
    public IContactLink Link(PublicKeyId transportKey) => new HttpContactLink(this, transportKey);

    /// <summary>Stops the hub and starts it again on the same registry and store (a reboot).</summary>
    public void Restart()
    {
        Hub.Stop();
        _listener = new QueueListener();
        Hub = StartHub();
        Readings = Hub.Store.OpenDatabase("readings");
    }

    public void Dispose()
    {
        Hub.Stop();
        Registry.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Hub StartHub()
    {
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.Registry = Registry;
        configuration.HubKeyId = HubKey;
        configuration.EpochRandom = RandomNumberGenerator.GetBytes(16);
        configuration.Http.LingerMilliseconds = 20;
        configuration.Mesh = new MeshOptions
        {
            DestinationKeyId = DestinationKey,
            SharedSecret = Secret,
            Random = new SecureRandom(),
            Source = Source,
            Clock = Clock,
        };
        var hub = new Hub(configuration, new HostFileStorage(Path.Combine(_folder, "store")), _listener);
        hub.Start();
        return hub;
    }

    private PublicKeyId Pair(string name, bool owner)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = HubIdentity.CreateSelfSigned(key, "CN=" + name);
        return Registry.Pair(certificate.RawData, RandomNumberGenerator.GetBytes(32), owner);
    }

    private sealed class SecureRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }

    private sealed class HttpContactLink(MeshHub hub, PublicKeyId transportKey) : IContactLink
    {
        public Stream Exchange(byte[] request)
        {
            Response reply = hub.Send(transportKey, "POST", "/_mesh/contact", request);
            if (reply.Status != 200)
            {
                throw new IOException("contact refused: " + reply.Status + " " + reply.Text);
            }

            return new MemoryStream(reply.Body);
        }
    }
}

/// <summary>A virtual clock in DTN seconds.</summary>
internal sealed class ManualMeshClock : IMeshClock
{
    public long Now { get; set; } = 800_000_000;
}
