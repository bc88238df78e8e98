using Microsoft.Data.Sqlite;
using ThaliNano.Boards.Host;
using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Ledger;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Gateway.Tests;

/// <summary>
/// Re-issued bundles leave holes in the creation sequences the gateway ever receives; the source's settled floor, sealed
/// in each bundle, lets receipts cover them, so a receipt of a few ranges keeps freeing new bundles.
/// </summary>
public sealed class SettledFloorTests : IDisposable
{
    private const long Lifetime = 3600;
    private readonly GatewayFixture _gateway = new();
    private readonly FakeCouch _couch = new(_ => (201, "[]"));

    public SettledFloorTests() => _gateway.Start(CouchDestination.FromUrl(_couch.Url));

    public void Dispose()
    {
        _gateway.Dispose();
        _couch.Dispose();
    }

    [Fact]
    public void Receipts_keep_freeing_new_bundles_after_more_re_issued_ones_than_a_receipt_has_ranges()
    {
        var clock = new Clock { Now = DtnTime.FromDateTime(DateTime.UtcNow) };
        var sensor = new SourceNode(_gateway.Sensor.Store, _gateway.Sensor.Key, SecureRandom.Instance, new StateInMemory(), clock,
            new SourceOptions { LifetimeSeconds = Lifetime, FreePolicy = FreePolicy.Purge });
        var carrier = new Peer(GatewayFixture.CarrierId, NodeRole.Carrier);
        var gateway = new Peer(_gateway.Id, NodeRole.Destination);
        int rounds = RangeSet.DefaultMaxRanges + 8;

        for (int i = 0; i < rounds; i++)
        {
            _gateway.Sensor.Put("reading-" + i, null, "{\"n\":" + i + "}");
            Assert.Single(Offer(sensor, carrier));   // a copy that never arrives
            clock.Now += Lifetime + 1;               // so the sensor re-issues it under a new number
            foreach (byte[] bundle in Offer(sensor, gateway))
            {
                Assert.Equal(BundleRejection.None, _gateway.Take(bundle));
            }

            Assert.Equal(ReceiptRejection.None, sensor.TakeReceipt(_gateway.Node.ReceiptsFor(_gateway.Sensor.Peer, null).Single(), gateway));
            Assert.Equal(0, sensor.Status.PendingBundles);
            Assert.Null(_gateway.Sensor.Database.Get("reading-" + i));
        }

        Assert.Equal("[1-" + (2 * rounds) + "]", _gateway.VerifiedReceipt().ToString());
        Assert.Equal(rounds, _gateway.Ledger.Count);
    }

    [Fact]
    public void The_floor_survives_a_restart_only_rises_and_covers_what_lies_below_it()
    {
        _gateway.Ledger.Record(_gateway.Sensor.Id, 7, "readings", 1, DateTimeOffset.UtcNow);
        _gateway.Ledger.Settle(_gateway.Sensor.Id, 5);
        _gateway.Ledger.Settle(_gateway.Sensor.Id, 3);
        Assert.Equal("[1-4] [7-7]", _gateway.Ledger.Delivered(_gateway.Sensor.Id, RangeSet.DefaultMaxRanges)!.ToString());

        _gateway.Restart();

        Assert.Equal(5, _gateway.Ledger.SettledBelow(_gateway.Sensor.Id));
        Assert.Equal("[1-4] [7-7]", _gateway.VerifiedReceipt().ToString());
    }

    [Fact]
    public void A_ledger_of_the_first_schema_is_upgraded_in_place()
    {
        _gateway.Ledger.Record(_gateway.Sensor.Id, 2, "readings", 1, DateTimeOffset.UtcNow);
        _gateway.Ledger.Dispose();
        using (var connection = new SqliteConnection("Data Source=" + _gateway.LedgerPath + ";Pooling=False"))
        {
            connection.Open();
            using SqliteCommand downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE settled; PRAGMA user_version = 1;";
            downgrade.ExecuteNonQuery();
        }

        _gateway.Restart();
        _gateway.Ledger.Settle(_gateway.Sensor.Id, 2);

        Assert.Equal("[1-2]", _gateway.VerifiedReceipt().ToString());
    }

    private static List<byte[]> Offer(SourceNode sensor, Peer peer)
    {
        var sink = new Sink();
        sensor.Offer(peer, new ContactSummary(), sink);
        return sink.Bundles;
    }

    private sealed class Sink : IBundleSink
    {
        public List<byte[]> Bundles { get; } = new();

        public bool Add(byte[] bundle)
        {
            Bundles.Add(bundle);
            return true;
        }
    }

    private sealed class Clock : IMeshClock
    {
        public long Now { get; set; }
    }

    private sealed class StateInMemory : IMeshStateStore
    {
        private byte[]? _record;

        public byte[]? Load() => _record;

        public void Save(byte[] state) => _record = state;
    }
}
