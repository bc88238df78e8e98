using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCheck;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests;

public sealed class PairingRegistryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-registry-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_private_record_leaves_the_registry_holding_no_ram()
    {
        using PairingRegistry registry = Open();
        var meshState = new RegistryMeshStateStore(registry);
        byte[] state = RandomNumberGenerator.GetBytes(1100);
        meshState.Save(state);
        meshState.Save(state);

        // Rewriting reads the old record (about 1.5 KB with its JSON and base64): neither it nor the pages stay.
        Assert.Equal(0, registry.CacheBytes);
        Assert.Equal(state, meshState.Load());
        Assert.Equal(0, registry.CacheBytes);
    }

    [Fact]
    public void Pairings_owner_uuid_and_boots_survive_a_reopen()
    {
        byte[] alice = Certificate("alice"), bob = Certificate("bob", ecdsa: true);
        byte[] aliceSecret = RandomNumberGenerator.GetBytes(32), bobSecret = RandomNumberGenerator.GetBytes(32);
        string uuid;
        PublicKeyId aliceId, bobId;
        using (PairingRegistry registry = Open())
        {
            Assert.Null(registry.HubUuid);
            uuid = registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
            Assert.Matches("^[0-9a-f]{32}$", uuid);
            Assert.Equal(uuid, registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16)));
            aliceId = registry.Pair(alice, aliceSecret, owner: true);
            bobId = registry.Pair(bob, bobSecret, owner: false);
            Assert.Equal(1, registry.NextBoot());
            Assert.Equal(2, registry.NextBoot());
        }

        using (PairingRegistry registry = Open())
        {
            Assert.Equal(uuid, registry.HubUuid);
            Assert.Equal(aliceId, registry.Owner);
            Assert.Equal(2, registry.Boots);
            Assert.Equal(new[] { aliceId, bobId }.Select(i => i.ToBase64Url()).Order(), registry.Principals().Select(i => i.ToBase64Url()).Order());
            Assert.Equal(bob, registry.GetCertificate(bobId));
            Assert.Equal(alice, Pem.DecodeCertificate(registry.CertificatesPem().Single(p => Pem.DecodeCertificate(p).SequenceEqual(alice))));
            Assert.True(Proves(registry, aliceId, aliceSecret));
            Assert.True(Proves(registry, bobId, bobSecret));
            Assert.False(Proves(registry, bobId, aliceSecret));

            Assert.True(registry.Unpair(aliceId));
            Assert.False(registry.Unpair(aliceId));
            Assert.Null(registry.Owner);
        }

        using (PairingRegistry registry = Open())
        {
            Assert.False(registry.IsPaired(aliceId));
            Assert.Null(registry.Find(aliceId));
            Assert.Null(registry.Owner);
            Assert.Equal(1, registry.Count);

            // Re-pairing replaces the secret; pairing again after an unpair works.
            byte[] fresh = RandomNumberGenerator.GetBytes(32);
            registry.Pair(bob, fresh, owner: true);
            registry.Pair(alice, aliceSecret, owner: false);
            Assert.False(Proves(registry, bobId, bobSecret));
            Assert.True(Proves(registry, bobId, fresh));
            Assert.Equal(bobId, registry.Owner);
        }
    }

    [Fact]
    public void Secrets_never_reach_the_served_store()
    {
        // The registry lives on its own storage root; the hub's store on another. Nothing under the store's root.
        string served = Path.Combine(_folder, "store");
        using (PairingRegistry registry = Open())
        {
            registry.Pair(Certificate("carol"), RandomNumberGenerator.GetBytes(32), owner: true);
        }

        Directory.CreateDirectory(served);
        Assert.Empty(Directory.EnumerateFileSystemEntries(served));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_folder, "pairing"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Pem_round_trips_any_der()
    {
        Gen.Byte.Array[1, 3000].Sample(der => Assert.Equal(der, Pem.DecodeCertificate("junk\r\n" + Pem.EncodeCertificate(der) + "trailer")), iter: 200);
        Assert.Throws<FormatException>(() => Pem.DecodeCertificate("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, X509KeyUsageFlags.KeyCertSign)]
    public void Pairing_refuses_certificates_that_could_vouch_for_others(bool ca, X509KeyUsageFlags? keyUsage)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] authority = Constrained(key, ca, keyUsage);
        using PairingRegistry registry = Open();
        var e = Assert.Throws<ArgumentException>(() => registry.Pair(authority, RandomNumberGenerator.GetBytes(32), owner: true));
        Assert.Contains(ca ? "CA:TRUE" : "keyCertSign", e.Message);
        Assert.Equal(0, registry.Count);
        Assert.Null(registry.Owner);
    }

    [Fact]
    public void A_ca_certificate_paired_before_the_check_never_reaches_the_bundle()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] authority = Constrained(key, ca: true, keyUsage: null), leaf = Certificate("leaf");
        PublicKeyId authorityId = PublicKeyId.FromCertificate(authority);
        using (PairingRegistry registry = Open())
        {
            registry.Pair(leaf, RandomNumberGenerator.GetBytes(32), owner: true);
        }

        // What an older hub wrote for a CA certificate: a principal record like any other.
        using (var store = new DocumentStore(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions()))
        {
            string body = "{\"secret\":\"" + Text.Base64Url.Encode(RandomNumberGenerator.GetBytes(32)) + "\",\"certificate\":\"" + Text.Base64Url.Encode(authority) + "\"}";
            store.OpenDatabase(PairingRegistry.DatabaseName).Put(PairingRegistry.PrincipalPrefix + authorityId.ToBase64Url(), null, System.Text.Encoding.UTF8.GetBytes(body));
        }

        using (PairingRegistry registry = Open())
        {
            Assert.True(registry.IsPaired(authorityId));
            Assert.Equal(new[] { leaf }, registry.CertificatesPem().Select(Pem.DecodeCertificate));
        }
    }

    [Fact]
    public void New_secrets_come_from_the_boards_random_source()
    {
        var source = new CountingSource();
        using (PairingRegistry registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions(), source))
        {
            byte[] secret = registry.NewSecret();
            Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), secret);
            Assert.Equal(1, source.Calls);
        }

        using PairingRegistry without = Open();
        Assert.Throws<InvalidOperationException>(() => without.NewSecret());
    }

    [Fact]
    public void The_observer_hears_every_durable_change_and_nothing_else()
    {
        byte[] alice = Certificate("alice");
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var observer = new RecordingObserver();
        using PairingRegistry registry = Open();
        registry.Observer = observer;
        PublicKeyId id = registry.Pair(alice, RandomNumberGenerator.GetBytes(32), owner: false);
        Assert.Throws<ArgumentException>(() => registry.Pair(Constrained(key, ca: true, keyUsage: null), RandomNumberGenerator.GetBytes(32), owner: false));
        Assert.False(registry.Unpair(PublicKeyId.FromHash(SHA256.HashData("nobody"u8))));
        Assert.True(registry.Unpair(id));
        Assert.Equal(new[] { 1, 0 }, observer.Counts);
    }

    private static byte[] Constrained(ECDsa key, bool ca, X509KeyUsageFlags? keyUsage)
    {
        var request = new CertificateRequest("CN=would-be authority", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (keyUsage is X509KeyUsageFlags flags)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        }

        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.RawData;
    }

    /// <summary>The number of paired principals each time it is told.</summary>
    private sealed class RecordingObserver : Pairing.IPairingObserver
    {
        public List<int> Counts { get; } = new();

        public void PairingsChanged(PairingRegistry registry) => Counts.Add(registry.Count);
    }

    private sealed class CountingSource : IRandomSource
    {
        public int Calls { get; private set; }

        public void NextBytes(byte[] buffer)
        {
            Calls++;
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)i;
            }
        }
    }

    private PairingRegistry Open() => PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions());

    private static bool Proves(PairingRegistry registry, PublicKeyId id, byte[] secret)
    {
        PublicKeyId hub = PublicKeyId.FromHash(RandomNumberGenerator.GetBytes(32));
        const string epoch = "registryTest";
        var verifier = new ProofVerifier(registry, hub, epoch);
        string header = ThaliKeyProof.CreateHeader(id, secret, hub, epoch, 1, "GET", "/db/_changes?since=0", ThaliKeyProof.EmptyBodyDigest);
        return verifier.Verify("GET", "/db/_changes?since=0", header, null).Succeeded;
    }

    private static byte[] Certificate(string name, bool ecdsa = false)
    {
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using X509Certificate2 certificate = HubIdentity.CreateSelfSigned(key, "CN=" + name);
        return certificate.RawData;
    }
}
