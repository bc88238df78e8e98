using ThaliNano.Gateway.Couch;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Gateway.Tests;

/// <summary>The gateway node delivering into pouchdb-server 4.2 (npm, in memory, on 127.0.0.1).</summary>
public sealed class PouchDbDeliveryTests : IDisposable
{
    private readonly PouchDbServer _pouch = new();
    private readonly GatewayFixture _gateway = new();
    private readonly CouchReader _reader;

    public PouchDbDeliveryTests()
    {
        CouchDestination destination = CouchDestination.FromUrl(_pouch.Url);
        _gateway.Start(destination, new CouchWriterOptions { MaxBatchDocuments = 7 });
        _reader = new CouchReader(destination);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _gateway.Dispose();
        _pouch.Dispose();
    }

    [Fact]
    public void Every_reading_arrives_with_its_revision_history_deletions_and_conflicts()
    {
        var scenario = new ReadingsScenario(_gateway.Sensor);
        byte[][] bundles = _gateway.Sensor.Pack(maxBundleBytes: 1024);
        Assert.True(bundles.Length > 3, "the readings span several bundles");

        foreach (byte[] bundle in bundles)
        {
            Assert.Equal(BundleRejection.None, Take(bundle));
        }

        scenario.AssertArrived(_reader, "readings");
        Assert.Equal(bundles.Length, _gateway.Ledger.Count);

        // The sensor: only the gateway's receipt, checked with its own key, lets it free what the bundles covered.
        var sensorLedger = new ReceiptLedger(_gateway.Sensor.Key);
        long lastSeq = 0;
        foreach (byte[] bundle in bundles)
        {
            Assert.Equal(BundleRejection.None, BundleHeader.TryParse(bundle, 65536, out BundleHeader header));
            sensorLedger.RecordBundle(header);
            lastSeq = header.ToSeq;
        }

        byte[] receipt = Assert.Single(_gateway.Node.ReceiptsFor(_gateway.Sensor.Peer, null));
        var otherSecret = new SealKey(new byte[32], _gateway.Sensor.Id, _gateway.Id);
        Assert.Equal(ReceiptRejection.BadTag, Receipt.Verify(receipt, otherSecret, out _));
        Assert.False(sensorLedger.MayFree("readings", 1, lastSeq));
        Assert.Equal(ReceiptRejection.None, sensorLedger.Apply(receipt));
        Assert.True(sensorLedger.MayFree("readings", 1, lastSeq));
        Assert.Equal(0, sensorLedger.PendingCount);
    }

    [Fact]
    public void The_same_bundle_twice_is_one_revision_and_the_receipt_covers_it()
    {
        _gateway.Sensor.Put("only", null, "{\"n\":1}");
        byte[] bundle = _gateway.Sensor.Pack().Single();

        Assert.Equal(BundleRejection.None, Take(bundle));
        int requests = _gateway.Couch.Requests;
        Assert.Equal(BundleRejection.None, Take(bundle));
        Assert.Equal(requests, _gateway.Couch.Requests);

        // A crash between the database write and the ledger: the ledger forgot, the bundle comes again.
        File.Delete(_gateway.LedgerPath);
        _gateway.Restart();
        Assert.Equal(BundleRejection.None, Take(bundle));
        Assert.Equal(1, _gateway.Couch.Requests);

        Assert.Equal(["only"], _reader.ChangedIds("readings"));
        Assert.Single(_reader.Leaves("readings", "only"));
        Assert.Null(_reader.Get("readings", "/only?conflicts=true")!["_conflicts"]);
        Assert.True(VerifiedReceipt().Contains(1));
    }

    [Fact]
    public void A_failing_database_writes_nothing_to_the_ledger_and_nothing_is_receipted_until_a_redelivery_succeeds()
    {
        new ReadingsScenario(_gateway.Sensor, readings: 3);
        byte[] bundle = _gateway.Sensor.Pack().Single();
        _gateway.Start(CouchDestination.FromUrl("http://127.0.0.1:" + NodePeers.FreePort()));

        Assert.Throws<CouchWriteException>(() => Take(bundle));
        Assert.Equal(0, _gateway.Ledger.Count);
        Assert.Empty(_gateway.Node.ReceiptsFor(_gateway.Sensor.Peer, null));
        Assert.Equal(0, _gateway.Node.Summarize().Count);

        _gateway.Start(CouchDestination.FromUrl(_pouch.Url));
        Assert.Equal(BundleRejection.None, Take(bundle));
        Assert.True(VerifiedReceipt().Contains(1));
    }

    [Fact]
    public void The_ledger_survives_a_restart_summaries_and_receipts_keep_what_was_delivered()
    {
        var bundles = new byte[3][];
        for (int i = 0; i < bundles.Length; i++)
        {
            _gateway.Sensor.Put("d" + i, null, "{\"n\":" + i + "}");
            bundles[i] = _gateway.Sensor.Pack().Single();
        }

        Assert.Equal(BundleRejection.None, Take(bundles[0]));
        Assert.Equal(BundleRejection.None, Take(bundles[2]));

        _gateway.Restart();

        RangeSet summary = _gateway.Node.Summarize().Of(_gateway.Sensor.Id);
        Assert.Equal("[1-1] [3-3]", summary.ToString());
        Assert.Equal(BundleRejection.None, Take(bundles[2]));
        Assert.Equal(0, _gateway.Couch.Requests);
        Assert.Equal("[1-1] [3-3]", VerifiedReceipt().ToString());
        Assert.Equal(BundleRejection.None, Take(bundles[1]));
        Assert.Equal("[1-3]", VerifiedReceipt().ToString());
    }

    private BundleRejection Take(byte[] bundle) => _gateway.Take(bundle);

    private RangeSet VerifiedReceipt() => _gateway.VerifiedReceipt();
}
