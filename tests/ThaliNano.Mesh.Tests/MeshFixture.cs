using System.Security.Cryptography;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;

namespace ThaliNano.Mesh.Tests;

/// <summary>Deterministic random bytes (a seeded System.Random), so sealed bytes are reproducible.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
}

/// <summary>A sensor's store on a temporary folder, its key to the destination and the destination's keyring.</summary>
public sealed class MeshFixture : IDisposable
{
    public const long Now = 800_000_000;   // DTN seconds, mid-2025

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesh-" + Guid.NewGuid().ToString("N"));

    public MeshFixture(int aesKeyBytes = 16)
    {
        Secret = RandomNumberGenerator.GetBytes(32);
        SourceKey = new SealKey(Secret, Source, Destination, aesKeyBytes);
        Keyring.Add(new SealKey(Secret, Source, Destination, aesKeyBytes));
        Store = new DocumentStore(new HostFileStorage(_folder, durable: false), new StoreOptions());
        Database = Store.CreateDatabase("readings", new DatabaseOptions());
    }

    public static PublicKeyId Source { get; } = Id(1);

    public static PublicKeyId Destination { get; } = Id(2);

    public static PublicKeyId Carrier { get; } = Id(3);

    public byte[] Secret { get; }

    public SealKey SourceKey { get; }

    public SealKeyring Keyring { get; } = new();

    public DocumentStore Store { get; }

    public Database Database { get; }

    public static PublicKeyId Id(byte seed) => PublicKeyId.FromHash(SHA256.HashData(new[] { seed }));

    public BundleBuilder Builder(int maxBundleBytes = 4096, int seed = 7) =>
        new(Database, new BundleSealer(SourceKey, new SeededRandom(seed)), new BundleBuildOptions { MaxBundleBytes = maxBundleBytes });

    public BundleOpener Opener() => new(Keyring, Destination);

    /// <summary>Writes n readings of about bodyBytes each; returns their ids.</summary>
    public string[] WriteReadings(int n, int bodyBytes = 100, string prefix = "r")
    {
        var ids = new string[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = prefix + i.ToString("D4");
            Database.Put(ids[i], null, Body(i, bodyBytes));
        }

        return ids;
    }

    public static byte[] Body(int i, int bodyBytes)
    {
        string padding = new('x', Math.Max(0, bodyBytes - 40));
        return System.Text.Encoding.UTF8.GetBytes("{\"timestamp\":" + (1700000000 + i) + ",\"t\":21.5,\"p\":\"" + padding + "\"}");
    }

    /// <summary>A sealed bundle of the whole database (one bundle; the caller keeps it small).</summary>
    public byte[] OneBundle(int readings = 3, int bodyBytes = 100)
    {
        WriteReadings(readings, bodyBytes);
        BundleBuildResult result = Builder(16384).Build(0, 1, Now);
        Assert.Equal(BundleBuildStatus.Built, result.Status);
        return result.Bundle;
    }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
