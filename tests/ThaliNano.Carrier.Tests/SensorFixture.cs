using System.Security.Cryptography;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;

namespace ThaliNano.Carrier.Tests;

/// <summary>Deterministic random bytes, so sealed bytes are reproducible.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
}

/// <summary>
/// A sensor's database with a few readings and its seal key to the destination: real sealed bundles, each with the
/// creation sequence, copies, lifetime and clock the test asks for.
/// </summary>
public sealed class SensorFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DocumentStore _store;
    private readonly Database _database;
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public SensorFixture(PublicKeyId? source = null, int readings = 3, int bodyBytes = 100)
    {
        Source = source ?? Id(1);
        Key = new SealKey(_secret, Source, Destination);
        _store = new DocumentStore(new HostFileStorage(_folder.Path, durable: false), new StoreOptions());
        _database = _store.CreateDatabase("readings", new DatabaseOptions());
        for (int i = 0; i < readings; i++)
        {
            _database.Put("r" + i.ToString("D4"), null, System.Text.Encoding.UTF8.GetBytes(
                "{\"t\":" + (20 + i) + ",\"p\":\"" + new string('x', bodyBytes) + "\"}"));
        }
    }

    public static PublicKeyId Destination { get; } = Id(2);

    public PublicKeyId Source { get; }

    public SealKey Key { get; }

    public static PublicKeyId Id(byte seed) => PublicKeyId.FromHash(SHA256.HashData(new[] { seed }));

    /// <summary>A sealed bundle of every reading, stamped with the given fields (creationTime 0: a source without a clock).</summary>
    public byte[] Bundle(long creationSequence, long creationTime, int copies = 4, long lifetimeSeconds = 3600, int hopLimit = 8)
    {
        var options = new BundleBuildOptions { MaxBundleBytes = 16384, Copies = copies, LifetimeSeconds = lifetimeSeconds, HopLimit = hopLimit };
        BundleBuildResult result = new BundleBuilder(_database, new BundleSealer(Key, new SeededRandom((int)creationSequence)), options)
            .Build(0, creationSequence, creationTime);
        Assert.Equal(BundleBuildStatus.Built, result.Status);
        return result.Bundle;
    }

    /// <summary>The destination's receipt for these creation sequences.</summary>
    public byte[] Receipt(long issueTime, params long[] creationSequences)
    {
        var set = new RangeSet();
        foreach (long sequence in creationSequences)
        {
            set.Add(sequence);
        }

        return Mesh.Receipts.Receipt.Issue(Key, set, issueTime);
    }

    /// <summary>The destination's opener for this sensor's bundles.</summary>
    public BundleOpener Opener()
    {
        var keyring = new SealKeyring();
        keyring.Add(Key);
        return new BundleOpener(keyring, Destination);
    }

    public static BundleHeader Header(byte[] wire)
    {
        Assert.Equal(BundleRejection.None, BundleHeader.TryParse(wire, 65536, out BundleHeader header));
        return header;
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
