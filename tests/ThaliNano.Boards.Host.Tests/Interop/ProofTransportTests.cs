using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Http;
using ThaliNano.Store;
using ThaliNano.Text;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>
/// The ESP32's situation on the host: a transport that verifies client certificates but cannot say which one connected
/// (principal null), so PouchDB must prove its principal on every request with the ThaliKey header. The firmware's Hub
/// is composed here directly, as the ESP32 board composes it.
/// </summary>
public sealed class ProofTransportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-proof-test-").FullName;
    private readonly HubIdentity _identity;
    private readonly PairingRegistry _registry;
    private readonly HostTlsListener _listener;
    private readonly Hub _hub;
    private readonly TestHub.RequestLog _log = new();
    private readonly ClientIdentity _client;

    public ProofTransportTests()
    {
        _identity = HubIdentity.LoadOrCreate(_folder);
        _registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions());
        _registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
        _client = ClientIdentity.Create(Path.Combine(_folder, "clients"), "device-client");
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        _registry.Pair(Pem.DecodeCertificate(_client.CertificatePem), secret, owner: true);
        File.WriteAllText(_client.SecretPath, Base64Url.Encode(secret));
        _listener = new HostTlsListener(_identity.Certificate, 0, IPAddress.Loopback,
            key => _registry.IsPaired(key) ? null : "not paired");
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.Registry = _registry;
        configuration.EpochRandom = RandomNumberGenerator.GetBytes(16);
        configuration.RequestLog = _log;
        _hub = new Hub(configuration, new HostFileStorage(Path.Combine(_folder, "store")), new AnonymousTransport(_listener));
        _hub.Start();
    }

    public void Dispose()
    {
        _hub.Stop();
        _registry.Dispose();
        _identity.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void PouchDB_replicates_when_it_signs_every_request()
    {
        JsonArray r = Run(_client.SecretPath,
            new { op = "generate", db = "local:a", count = 120, prefix = "p-" },
            new { op = "replicate", from = "local:a", to = "hub:signed" },
            new { op = "replicate", from = "hub:signed", to = "local:b" },
            new { op = "info", db = "local:b" });

        Assert.Equal(120, r[1]!["docs_written"]!.GetValue<int>());
        Assert.Equal(120, r[3]!["doc_count"]!.GetValue<int>());
        // Only the client's first request, made before it knew the epoch, was anonymous (401 with the challenge).
        Assert.Single(_log.Entries, e => e.Principal == null);
        Assert.Equal(401, _log.Entries[0].Status);
        Assert.All(_log.Entries.Skip(1), e => Assert.Equal(_client.Principal, e.Principal));
    }

    [Fact]
    public void Without_a_proof_or_with_a_wrong_secret_every_request_is_unauthorized()
    {
        JsonNode unsigned = NodePeers.RunScript("pouch-steps.js", Input(null, new { op = "request", db = "hub", method = "GET", path = "/" }),
            TimeSpan.FromSeconds(20));
        Assert.Equal(401, unsigned["results"]![0]!["status"]!.GetValue<int>());

        string wrong = Path.Combine(_folder, "wrong.secret");
        File.WriteAllText(wrong, Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
        JsonNode forged = NodePeers.RunScript("pouch-steps.js", Input(wrong, new { op = "request", db = "hub", method = "GET", path = "/" }),
            TimeSpan.FromSeconds(20));
        Assert.Equal(401, forged["results"]![0]!["status"]!.GetValue<int>());
        Assert.Contains("MAC", forged["results"]![0]!["body"]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain(_log.Entries, e => e.Principal != null);
    }

    private JsonArray Run(string secret, params object[] steps) =>
        NodePeers.RunScript("pouch-steps.js", Input(secret, steps), TimeSpan.FromSeconds(25))["results"]!.AsArray();

    private object Input(string? secret, params object[] steps) => new
    {
        hub = _identity.CompactUrl("127.0.0.1", _listener.Port),
        cert = _client.CertificatePath,
        key = _client.KeyPath,
        secret,
        localDir = Path.Combine(_folder, "local"),
        steps,
    };

    /// <summary>Hides the TLS-authenticated principal, as the ESP32's mbedTLS transport cannot report it.</summary>
    private sealed class AnonymousTransport(IConnectionListener inner) : IConnectionListener
    {
        public IConnection? Accept() => inner.Accept() is { } connection ? new Anonymous(connection) : null;

        public void Close() => inner.Close();

        private sealed class Anonymous(IConnection inner) : IConnection
        {
            public Stream Stream => inner.Stream;

            public string? Principal => null;

            public string? RemoteEndPoint => inner.RemoteEndPoint;

            public void Open() => inner.Open();

            public void Close() => inner.Close();
        }
    }
}
