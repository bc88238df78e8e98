using System.Security.Cryptography;
using System.Text;
using ThaliNano.Boards.Host;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Gateway.Keys;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;

namespace ThaliNano.Gateway.Tests;

/// <summary>A sensor with no uplink: its readings database, the secret it shares with the gateway, its bundles.</summary>
internal sealed class Sensor : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-sensor-").FullName;
    private readonly DocumentStore _store;
    private long _since;
    private long _creationSequence;

    public Sensor(PublicKeyId gateway, string database = "readings")
    {
        Gateway = gateway;
        Id = PublicKeyId.FromHash(RandomNumberGenerator.GetBytes(PublicKeyId.SizeInBytes));
        Secret = RandomNumberGenerator.GetBytes(32);
        Key = new SealKey(Secret, Id, gateway);
        _store = new DocumentStore(new HostFileStorage(_folder, durable: false), new StoreOptions());
        Database = _store.CreateDatabase(database, new DatabaseOptions());
    }

    public PublicKeyId Id { get; }

    public PublicKeyId Gateway { get; }

    public byte[] Secret { get; }

    public SealKey Key { get; }

    public Database Database { get; }

    public DocumentStore Store => _store;

    public Peer Peer => new(Id, NodeRole.Sensor);

    /// <summary>The gateway's key file for this sensor.</summary>
    public SealKeyFile KeyFile(string? database = null) => new(Id, Gateway, Secret, database: database);

    public string Put(string id, string? rev, string json) => Database.Put(id, rev, Encoding.UTF8.GetBytes(json));

    /// <summary>Bundles of everything written since the last call, numbered on from the last creation sequence.</summary>
    public byte[][] Pack(int maxBundleBytes = 4096)
    {
        var builder = new BundleBuilder(Database, new BundleSealer(Key, SecureRandom.Instance), new BundleBuildOptions { MaxBundleBytes = maxBundleBytes });
        var bundles = new List<byte[]>();
        while (true)
        {
            BundleBuildResult result = builder.Build(_since, _creationSequence + 1, DtnTime.FromDateTime(DateTime.UtcNow));
            if (result.Status == BundleBuildStatus.NothingNew)
            {
                return bundles.ToArray();
            }

            Assert.Equal(BundleBuildStatus.Built, result.Status);
            bundles.Add(result.Bundle);
            _since = result.NextSince;
            _creationSequence++;
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
