using System.Net;
using System.Security.Cryptography;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Boards.Host;

/// <summary>
/// The host board: a hub on this PC, everything under one data folder — its identity (<c>identity/</c>), the pairing
/// registry (<c>pairing/</c>) and the served documents (<c>store/</c>). Open it, pair clients, then <see cref="Serve"/>
/// on 127.0.0.1 with mutual TLS; the handshake refuses client keys that are not paired. Used by the hub process, the
/// tests and the benchmarks alike.
/// </summary>
public sealed class HostHub : IDisposable
{
    public const string PairingFolderName = "pairing";
    public const string StoreFolderName = "store";

    private HostTlsListener? _listener;
    private Hub? _hub;
    private bool _disposed;

    private HostHub(string dataFolder, HubIdentity identity, PairingRegistry registry)
    {
        DataFolder = dataFolder;
        Identity = identity;
        Registry = registry;
    }

    public string DataFolder { get; }

    public HubIdentity Identity { get; }

    public PairingRegistry Registry { get; }

    /// <summary>The running hub, after <see cref="Serve"/>.</summary>
    public Hub Hub => _hub ?? throw new InvalidOperationException("the hub is not serving");

    /// <summary>The bound port, after <see cref="Serve"/>.</summary>
    public int Port => _listener?.Port ?? throw new InvalidOperationException("the hub is not serving");

    public string CompactUrl => Identity.CompactUrl(IPAddress.Loopback.ToString(), Port);

    public string PublishedUrl => Identity.PublishedUrl(IPAddress.Loopback.ToString(), Port);

    /// <summary>https://127.0.0.1:port — what a client connects to (pinning the hub's key).</summary>
    public string HttpsUrl => "https://127.0.0.1:" + Port;

    /// <summary>Loads (on first use creates) the identity, the hub uuid and the pairing registry in the data folder.</summary>
    public static HostHub Open(string dataFolder)
    {
        string full = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(full);
        HubIdentity identity = HubIdentity.LoadOrCreate(full);
        try
        {
            var registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(full, PairingFolderName)), new StoreOptions());
            registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
            return new HostHub(full, identity, registry);
        }
        catch
        {
            identity.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Pairs the client whose certificate the PEM text holds, with a fresh 32-byte proof secret drawn here (the PC has a
    /// secure random source); optionally as owner. Returns the key id and the secret the client signs with. On a device
    /// this exchange happens over BLE (a later issue); on the host the person running the hub does it.
    /// </summary>
    public (PublicKeyId KeyId, byte[] Secret) Pair(string certificatePem, bool owner)
    {
        byte[] secret = RandomNumberGenerator.GetBytes(ProofKey.SecretSizeInBytes);
        PublicKeyId id = Registry.Pair(Pem.DecodeCertificate(certificatePem), secret, owner);
        return (id, secret);
    }

    /// <summary>Binds 127.0.0.1:port (0 picks a free port) and starts the hub.</summary>
    public void Serve(int port, IHubRequestLog? requestLog = null, IHttpServerLog? serverLog = null)
    {
        if (_hub != null)
        {
            throw new InvalidOperationException("the hub is already serving");
        }

        _listener = new HostTlsListener(Identity.Certificate, port, IPAddress.Loopback, RefuseUnpaired);
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.Registry = Registry;
        configuration.HubKeyId = Identity.KeyId;
        configuration.EpochRandom = RandomNumberGenerator.GetBytes(16);
        configuration.RequestLog = requestLog;
        configuration.Http.Log = serverLog;
        configuration.Http.ServerHeader = "ThaliNano";
        var hub = new Hub(configuration, new HostFileStorage(Path.Combine(DataFolder, StoreFolderName)), _listener);
        hub.Start();
        _hub = hub;
    }

    /// <summary>Stops serving and closes the stores. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_hub != null)
        {
            _hub.Stop();
        }
        else
        {
            _listener?.Close();
        }

        Registry.Dispose();
        Identity.Dispose();
    }

    private string? RefuseUnpaired(PublicKeyId key) =>
        Registry.IsPaired(key) ? null : "key " + key.ToBase64Url() + " is not paired with this hub";
}
