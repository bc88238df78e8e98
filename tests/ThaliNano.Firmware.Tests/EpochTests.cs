using System.Security.Cryptography;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests;

public sealed class EpochTests : IDisposable
{
    private const string Uuid = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static readonly PublicKeyId s_hubKey = PublicKeyId.FromHash(SHA256.HashData("hub"u8));

    private readonly string _folder = Directory.CreateTempSubdirectory("thali-epoch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_input_changes_the_epoch()
    {
        byte[] random = new byte[16];
        string epoch = Hub.MakeEpoch(s_hubKey, Uuid, 1, random, 0);
        string[] others =
        [
            Hub.MakeEpoch(s_hubKey, Uuid, 2, random, 0),
            Hub.MakeEpoch(s_hubKey, "1f1e2d3c4b5a69788796a5b4c3d2e1f0", 1, random, 0),
            Hub.MakeEpoch(s_hubKey, Uuid, 1, [1, .. new byte[15]], 0),
            Hub.MakeEpoch(s_hubKey, Uuid, 1, random, 1),
            Hub.MakeEpoch(PublicKeyId.FromHash(SHA256.HashData("another hub"u8)), Uuid, 1, random, 0),
        ];
        Assert.Equal(6, others.Append(epoch).Distinct().Count());
        Assert.Equal(22, epoch.Length);
        Assert.Equal(epoch, new ProofVerifier(new EmptyKeyring(), s_hubKey, epoch).Epoch);
        Assert.Throws<ArgumentException>(() => Hub.MakeEpoch(s_hubKey, Uuid, 1, new byte[8], 0));
    }

    [Fact]
    public void Epochs_do_not_reveal_the_boot_count()
    {
        // The earlier format put the boot counter in the first 8 bytes; now consecutive boots share no visible structure.
        byte[] random = new byte[16];
        var epochs = Enumerable.Range(1, 1000).Select(boot => Convert.FromBase64String(Hub.MakeEpoch(s_hubKey, Uuid, boot, random, 0)
            .Replace('-', '+').Replace('_', '/') + "==")).ToArray();
        Assert.Equal(1000, epochs.Select(Convert.ToHexString).Distinct().Count());
        Assert.True(epochs.Select(e => e[0]).Distinct().Count() > 200, "the first byte should look random across boots");
        Assert.DoesNotContain(epochs, e => e.Take(7).All(b => b == 0));
    }

    [Fact]
    public void A_wiped_registry_and_a_deterministic_random_source_still_give_a_new_epoch()
    {
        // The weakest board: the same "random" bytes every start (a PRNG with a fixed seed). Wiping the registry resets
        // the boot counter and, with those bytes, recreates the very same uuid; the clock still makes the epoch new.
        static byte[] WeakRandom()
        {
            byte[] bytes = new byte[16];
            new Random(42).NextBytes(bytes);
            return bytes;
        }


        string pairing = Path.Combine(_folder, "pairing");
        var seen = new List<string>();
        for (int life = 0; life < 3; life++)
        {
            for (int boot = 0; boot < 2; boot++)
            {
                seen.Add(StartAndStop(pairing, WeakRandom()));
            }

            Directory.Delete(pairing, recursive: true);
        }

        Assert.Equal(6, seen.Distinct().Count());
    }

    private string StartAndStop(string pairing, byte[] random)
    {
        using PairingRegistry registry = PairingRegistry.Open(new HostFileStorage(pairing), new StoreOptions());
        registry.EnsureHubUuid(random);
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.Registry = registry;
        configuration.HubKeyId = s_hubKey;
        configuration.EpochRandom = random;
        var hub = new Hub(configuration, new HostFileStorage(Path.Combine(_folder, "store")), new QueueListener());
        hub.Start();
        hub.Stop();
        return hub.Epoch;
    }

    private sealed class EmptyKeyring : IProofKeyring
    {
        public ProofKey? Find(PublicKeyId id) => null;
    }
}
