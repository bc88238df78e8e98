using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Http;
using ThaliNano.Identity;
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
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private long _counter;

    public ProofTransportTests()
    {
        _identity = HubIdentity.LoadOrCreate(_folder);
        _registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions());
        _registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
        _client = ClientIdentity.Create(Path.Combine(_folder, "clients"), "device-client");
        _registry.Pair(Pem.DecodeCertificate(_client.CertificatePem), _secret, owner: true);
        File.WriteAllText(_client.SecretPath, Base64Url.Encode(_secret));
        _listener = new HostTlsListener(_identity.Certificate, 0, IPAddress.Loopback,
            key => _registry.IsPaired(key) ? null : "not paired");
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.Registry = _registry;
        configuration.HubKeyId = _identity.KeyId;
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
        Assert.Equal(ProofVerifier.NotVerifiedReason, forged["results"]![0]!["body"]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain(_log.Entries, e => e.Principal != null);
    }

    [Fact]
    public void A_captured_proof_is_refused_with_another_body_another_target_or_at_another_hub_and_changes_nothing()
    {
        Assert.Equal(201, Curl("PUT", "/captured", Sign("PUT", "/captured", "")).Status);
        const string Original = "{\"v\":\"original\"}";

        // Each proof is intercepted before the hub saw it (so its counter is fresh) and used for something else.
        var otherBody = Curl("PUT", "/captured/doc", Sign("PUT", "/captured/doc", Original), "{\"v\":\"forged\"}");
        Assert.Equal(400, otherBody.Status);
        Assert.Contains("does not match the body digest", otherBody.Body);
        var otherTarget = Curl("PUT", "/captured/other", Sign("PUT", "/captured/doc", Original), Original);
        Assert.Equal(401, otherTarget.Status);
        var otherHub = Curl("PUT", "/captured/doc", Sign("PUT", "/captured/doc", Original, PublicKeyId.FromHash(RandomNumberGenerator.GetBytes(32))), Original);
        Assert.Equal(401, otherHub.Status);
        foreach (var refused in new[] { otherBody, otherTarget, otherHub })
        {
            Assert.Contains("WWW-Authenticate: ThaliKey epoch=\"" + _hub.Epoch + "\"", refused.Head);
            Assert.DoesNotContain(_client.Principal, refused.Body);
        }

        var info = Curl("GET", "/captured", Sign("GET", "/captured", ""));
        Assert.Equal(200, info.Status);
        Assert.Equal(0, JsonNode.Parse(info.Body)!["doc_count"]!.GetValue<int>());
        Assert.Equal(201, Curl("PUT", "/captured/doc", Sign("PUT", "/captured/doc", Original), Original).Status);
    }

    /// <summary>The client's ThaliKey header for this hub (or <paramref name="hub"/>), its epoch and the next counter.</summary>
    private string Sign(string method, string target, string body, PublicKeyId? hub = null)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
        return ThaliKeyProof.CreateHeader(PublicKeyId.FromCertificate(Pem.DecodeCertificate(_client.CertificatePem)), _secret,
            hub ?? _identity.KeyId, _hub.Epoch, ++_counter, method, target, ThaliKeyProof.DigestOfBody(bytes, 0, bytes.Length));
    }

    /// <summary>One request with curl over mutual TLS (the hub's key pinned); the status, the head and the body.</summary>
    private (int Status, string Head, string Body) Curl(string method, string target, string authorization, string? body = null)
    {
        var arguments = new List<string>
        {
            "-sS", "-i", "-k", "--max-time", "15", "--pinnedpubkey", "sha256//" + Convert.ToBase64String(_identity.KeyId.ToByteArray()),
            "--cert", _client.CertificatePath, "--key", _client.KeyPath, "-X", method, "-H", "Authorization: " + authorization,
        };
        if (body != null)
        {
            arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", body]);
        }

        arguments.Add("https://127.0.0.1:" + _listener.Port + target);
        var (exit, stdout, stderr) = NodePeers.Run("curl", arguments, TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"curl failed ({exit}): {stderr}");
        int split = stdout.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(stdout.Split(' ', 3)[1]), stdout[..split], stdout[(split + 4)..]);
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
