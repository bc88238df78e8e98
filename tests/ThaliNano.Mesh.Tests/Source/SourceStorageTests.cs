using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;

namespace ThaliNano.Mesh.Tests.Source;

/// <summary>A sensor whose store is full (507) still bundles, and a receipt frees it: purge is allowed beyond the quota.</summary>
public sealed class SourceStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesh-full-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_full_store_is_freed_by_a_receipt_and_takes_writes_again()
    {
        using var store = new DocumentStore(new HostFileStorage(_folder, durable: false),
            new StoreOptions { MaxStoreBytes = 96 * 1024, CompactionReserveBytes = 32 * 1024 });
        Database db = store.CreateDatabase("readings");
        int written = 0;
        try
        {
            for (; written < 10_000; written++)
            {
                db.Put("r" + written.ToString("D5"), null, MeshFixture.Body(written, 120));
            }
        }
        catch (InsufficientStorageException)
        {
        }

        Assert.InRange(written, 100, 9_999);
        var key = new SealKey(new byte[32], MeshFixture.Source, MeshFixture.Destination);
        var state = new MemoryStateStore();
        var node = new SourceNode(store, key, new SeededRandom(1), state, new ManualClock(MeshFixture.Now),
            new SourceOptions { MaxPendingBundles = 255, MaxOfferBytes = int.MaxValue, FreePolicy = FreePolicy.PurgeAndCompact, CompactionThresholdBytes = 8 * 1024 });

        var sink = new RecordingSink(state);
        node.Offer(SourceFixture.Destination, new ContactSummary(), sink);
        var all = new RangeSet(RangeSet.MaxRangesLimit);
        all.AddRange(1, sink.Bundles.Count);

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(Receipt.Issue(key, all, MeshFixture.Now), SourceFixture.Destination));

        Assert.Equal(written, node.Status.DocumentsPurged);
        Assert.True(node.Status.BytesFreed > 32 * 1024, node.Status.BytesFreed.ToString());
        Assert.StartsWith("marking readings for the mesh failed", node.Status.LastError);   // full: the seq check alone guards it
        Assert.Equal(0, db.GetInfo().DocCount);
        db.Put("after", null, MeshFixture.Body(0, 120));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
