using System.Net;
using System.Security.Cryptography;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Boards.Host;

/// <summary>
/// The host board: a hub on this PC, everything under one data folder — its identity (<c>identity/</c>), the pairing
/// registry (<c>pairing/</c>) and the served documents (<c>store/</c>), locked for one process at a time. Open it, pair
/// clients, then <see cref="Serve"/> on 127.0.0.1 with mutual TLS; every handshake asks the registry, so pairing changes
/// made while serving (POST/DELETE /_pairing) hold for the next connection. Used by the hub process, the tests and the
/// benchmarks alike.
/// </summary>
public sealed class HostHub : IDisposable
{
    public const string PairingFolderName = "pairing";
    public const string StoreFolderName = "store";

    private readonly DataFolderLock _lock;
    private HostTlsListener? _listener;
    private Hub? _hub;
    private bool _disposed;

    private HostHub(string dataFolder, DataFolderLock folderLock, HubIdentity identity, PairingRegistry registry, ProvisionedDevice? provisioned)
    {
        DataFolder = dataFolder;
        _lock = folderLock;
        Identity = identity;
        Registry = registry;
        Provisioned = provisioned;
    }

    public string DataFolder { get; }

    public HubIdentity Identity { get; }

    public PairingRegistry Registry { get; }

    /// <summary>The device <c>thalinano provision</c> made in the data folder (its <c>device.json</c>), or null.</summary>
    public ProvisionedDevice? Provisioned { get; }

    /// <summary>The running hub, after <see cref="Serve"/>.</summary>
    public Hub Hub => _hub ?? throw new InvalidOperationException("the hub is not serving");

    /// <summary>The bound port, after <see cref="Serve"/>.</summary>
    public int Port => _listener?.Port ?? throw new InvalidOperationException("the hub is not serving");

    public string CompactUrl => Identity.CompactUrl(IPAddress.Loopback.ToString(), Port);

    public string PublishedUrl => Identity.PublishedUrl(IPAddress.Loopback.ToString(), Port);

    /// <summary>https://127.0.0.1:port — what a client connects to (pinning the hub's key).</summary>
    public string HttpsUrl => "https://127.0.0.1:" + Port;

    /// <summary>
    /// Locks the data folder (one process per folder: <see cref="DataFolderLock"/>; a held folder throws
    /// <see cref="DataFolderInUseException"/>), then loads (on first use creates) the identity, the hub uuid and the
    /// pairing registry in it. A new data folder is made with mode 0700. A folder <c>thalinano provision</c> made starts
    /// as that device (<see cref="ProvisionedDevice.Start"/>; its refusals are <see cref="FormatException"/> and
    /// <see cref="IOException"/>).
    /// </summary>
    public static HostHub Open(string dataFolder)
    {
        string full = Path.GetFullPath(dataFolder);
        if (!Directory.Exists(full))
        {
            HubIdentity.CreatePrivateFolder(full);
        }

        DataFolderLock folderLock = DataFolderLock.Acquire(full);
        HubIdentity? identity = null;
        PairingRegistry? registry = null;
        try
        {
            identity = HubIdentity.LoadOrCreate(full);
            registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(full, PairingFolderName)), new StoreOptions(), SecureRandom.Instance);
            registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
            ProvisionedDevice? provisioned = ProvisionedDevice.Start(full, identity, registry);
            return new HostHub(full, folderLock, identity, registry, provisioned);
        }
        catch
        {
            registry?.Dispose();
            identity?.Dispose();
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Pairs the client whose certificate the PEM text holds, with a fresh 32-byte proof secret from the OS's secure
    /// random source; optionally as owner. Returns the key id and the secret the client signs with. Only leaf
    /// certificates pair (<see cref="PairingRegistry.Pair"/> throws <see cref="ArgumentException"/> otherwise). A running
    /// hub does the same through POST /_pairing; on a device the exchange will happen over BLE (a later issue).
    /// </summary>
    public (PublicKeyId KeyId, byte[] Secret) Pair(string certificatePem, bool owner)
    {
        byte[] secret = Registry.NewSecret();
        PublicKeyId id = Registry.Pair(Pem.DecodeCertificate(certificatePem), secret, owner);
        return (id, secret);
    }

    /// <summary>
    /// Owner recovery, before serving: makes the registry's owner an admin of the system database in place of
    /// <paramref name="previousOwner"/> (<see cref="OwnerRecovery"/>). False when nothing changed.
    /// </summary>
    public bool HandOverAdmin(PublicKeyId? previousOwner)
    {
        if (_hub != null)
        {
            throw new InvalidOperationException("the admins are handed over while the hub is stopped; a running hub takes PUT /_thali/admins");
        }

        PublicKeyId owner = Registry.Owner ?? throw new InvalidOperationException("the hub has no owner to make an admin");
        HubConfiguration configuration = HubConfiguration.ForHost();
        using var store = new DocumentStore(new HostFileStorage(Path.Combine(DataFolder, StoreFolderName)), configuration.Store);
        return OwnerRecovery.HandOverAdmin(store, configuration.Couch, previousOwner, owner);
    }

    /// <summary>Binds 127.0.0.1:port (0 picks a free port) and starts the hub, a mesh sensor when <paramref name="mesh"/> is set.</summary>
    public void Serve(int port, IHubRequestLog? requestLog = null, IHttpServerLog? serverLog = null, MeshOptions? mesh = null)
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
        configuration.DirectoryUrls = [CompactUrl, PublishedUrl];
        configuration.RequestLog = requestLog;
        configuration.Http.Log = serverLog;
        configuration.Http.ServerHeader = "ThaliNano";
        configuration.Status.Memory = new HostMemoryStatus();
        configuration.Mesh = mesh;
        var hub = new Hub(configuration, new HostFileStorage(Path.Combine(DataFolder, StoreFolderName)), _listener);
        hub.Start();
        _hub = hub;
        _lock.Record(Port);
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
        _lock.Dispose();
    }

    private string? RefuseUnpaired(PublicKeyId key) =>
        Registry.IsPaired(key) ? null : "key " + key.ToBase64Url() + " is not paired with this hub";
}
