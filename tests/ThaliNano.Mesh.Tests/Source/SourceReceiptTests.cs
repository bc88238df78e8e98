using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Mesh.Tests.Source;

public sealed class SourceReceiptTests : IDisposable
{
    private readonly SourceFixture _f = new(new SourceOptions { MaxBundleBytes = 1024, FreePolicy = FreePolicy.Purge });

    [Fact]
    public void A_receipt_frees_exactly_the_delivered_documents_and_a_later_update_survives()
    {
        string[] ids = _f.Mesh.WriteReadings(20, bodyBytes: 120);
        SourceNode node = _f.Node();
        RecordingSink sink = _f.Offer(node, SourceFixture.Destination);
        Assert.True(sink.Bundles.Count >= 3);
        string[] inFirst = _f.Open(sink.Bundles[0]).Payload.Revisions.Select(r => r.Id).ToArray();
        string updated = inFirst[1];
        _f.Mesh.Database.Put(updated, _f.Mesh.Database.Get(updated).Rev, MeshFixture.Body(7, 50));

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(_f.Receipt(1), SourceFixture.Destination));

        Assert.All(inFirst.Where(id => id != updated), id => Assert.False(_f.Exists(id)));
        Assert.True(_f.Exists(updated));
        Assert.All(ids.Except(inFirst), id => Assert.True(_f.Exists(id)));
        Assert.Equal(inFirst.Length - 1, node.Status.DocumentsPurged);
        Assert.Equal(sink.Bundles.Count - 1, node.Status.PendingBundles);
        Assert.Equal("[1-1]", node.Status.ReceiptedBundles);
    }

    [Fact]
    public void A_receipt_with_gaps_frees_only_the_receipted_bundles()
    {
        _f.Mesh.WriteReadings(30, bodyBytes: 120);
        SourceNode node = _f.Node();
        RecordingSink sink = _f.Offer(node, SourceFixture.Destination);
        Assert.True(sink.Bundles.Count >= 4);
        string[][] carried = sink.Bundles.Select(b => _f.Open(b).Payload.Revisions.Select(r => r.Id).ToArray()).ToArray();

        node.TakeReceipt(_f.Receipt(1, 3), SourceFixture.Destination);

        Assert.All(carried[0].Concat(carried[2]), id => Assert.False(_f.Exists(id)));
        Assert.All(carried[1].Concat(carried[3]), id => Assert.True(_f.Exists(id)));
        Assert.Equal(sink.Bundles.Count - 2, node.Status.PendingBundles);
        Assert.DoesNotContain(_f.Offer(node, SourceFixture.Carrier()).Headers(), h => h.CreationSequence is 1 or 3);
    }

    [Fact]
    public void Forged_altered_and_foreign_receipts_free_nothing_and_change_no_state()
    {
        string[] ids = _f.Mesh.WriteReadings(10);
        SourceNode node = _f.Node();
        int cut = _f.Offer(node, SourceFixture.Destination).Bundles.Count;
        int saves = _f.State.Saves;
        byte[] genuine = _f.Receipt(1);

        byte[] forged = (byte[])genuine.Clone();
        forged[^1] ^= 1;
        var wide = new RangeSet();
        wide.AddRange(1, 1000);
        byte[] widened = Receipt.Issue(new SealKey(new byte[32], MeshFixture.Source, MeshFixture.Destination), wide, MeshFixture.Now);
        byte[] otherSource = Receipt.Issue(new SealKey(_f.Mesh.Secret, MeshFixture.Carrier, MeshFixture.Destination), wide, MeshFixture.Now);
        byte[] otherDestination = Receipt.Issue(new SealKey(_f.Mesh.Secret, MeshFixture.Source, MeshFixture.Carrier), wide, MeshFixture.Now);
        byte[] altered = (byte[])genuine.Clone();
        altered[Receipt.FixedBytes] = 5;   // contiguous 1 -> 5 under the old tag

        Assert.Equal(ReceiptRejection.BadTag, node.TakeReceipt(forged, SourceFixture.Carrier()));
        Assert.Equal(ReceiptRejection.BadTag, node.TakeReceipt(widened, SourceFixture.Carrier()));
        Assert.Equal(ReceiptRejection.BadTag, node.TakeReceipt(altered, SourceFixture.Carrier()));
        Assert.Equal(ReceiptRejection.WrongParty, node.TakeReceipt(otherSource, SourceFixture.Carrier()));
        Assert.Equal(ReceiptRejection.WrongParty, node.TakeReceipt(otherDestination, SourceFixture.Carrier()));
        Assert.Equal(ReceiptRejection.Truncated, node.TakeReceipt(genuine.Take(20).ToArray(), SourceFixture.Carrier()));
        Assert.Equal(ReceiptRejection.Truncated, node.TakeReceipt(null!, SourceFixture.Carrier()));

        Assert.All(ids, id => Assert.True(_f.Exists(id)));
        Assert.Equal(saves, _f.State.Saves);
        Assert.Equal(cut, node.Status.PendingBundles);
        Assert.Equal(0, node.Status.DocumentsPurged);
    }

    [Fact]
    public void A_receipt_for_bundles_the_node_never_cut_changes_nothing()
    {
        string[] ids = _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();
        int saves = _f.State.Saves;

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(_f.Receipt(1, 2, 3), SourceFixture.Carrier()));
        Assert.Equal(saves, _f.State.Saves);
        Assert.All(ids, id => Assert.True(_f.Exists(id)));
    }

    [Fact]
    public void A_repeated_receipt_frees_nothing_more()
    {
        _f.Mesh.WriteReadings(5);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Destination);
        byte[] receipt = _f.Receipt(1);
        node.TakeReceipt(receipt, SourceFixture.Destination);
        _f.Mesh.WriteReadings(2, prefix: "later");
        int saves = _f.State.Saves;

        node.TakeReceipt(receipt, SourceFixture.Carrier());

        Assert.Equal(saves, _f.State.Saves);
        Assert.True(_f.Exists("later0000"));
        Assert.Equal(5, node.Status.DocumentsPurged);
    }

    [Fact]
    public void Under_Keep_a_receipt_frees_nothing_until_FreeDelivered()
    {
        using var f = new SourceFixture(new SourceOptions { FreePolicy = FreePolicy.Keep });
        string[] ids = f.Mesh.WriteReadings(5);
        SourceNode node = f.Node();
        f.Offer(node, SourceFixture.Destination);

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(f.Receipt(1), SourceFixture.Destination));
        Assert.All(ids, id => Assert.True(f.Exists(id)));
        Assert.Equal(0, node.Status.PendingBundles);
        f.Mesh.WriteReadings(1, prefix: "new");

        Assert.Equal(5, node.FreeDelivered());
        Assert.All(ids, id => Assert.False(f.Exists(id)));
        Assert.True(f.Exists("new0000"));
    }

    [Fact]
    public void PurgeAndCompact_reclaims_flash_once_past_the_threshold()
    {
        using var f = new SourceFixture(new SourceOptions { FreePolicy = FreePolicy.PurgeAndCompact, CompactionThresholdBytes = 1024 });
        f.Mesh.WriteReadings(30, bodyBytes: 120);
        SourceNode node = f.Node();
        int bundles = f.Offer(node, SourceFixture.Destination).Bundles.Count;
        long before = f.Mesh.Database.GetInfo().SizeOnFlash;

        node.TakeReceipt(f.Receipt(Enumerable.Range(1, bundles).Select(i => (long)i).ToArray()), SourceFixture.Destination);

        long after = f.Mesh.Database.GetInfo().SizeOnFlash;
        Assert.True(after < before, before + " -> " + after);
        Assert.True(node.Status.BytesFreed >= before - after, node.Status.BytesFreed.ToString());   // the purges grew the log first
        Assert.Equal(30, node.Status.DocumentsPurged);
        Assert.Equal(0, f.Mesh.Database.GetInfo().DocCount);
    }

    [Fact]
    public void A_database_deleted_and_created_again_is_never_freed_by_the_old_ranges()
    {
        _f.Mesh.WriteReadings(5);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Carrier());
        _f.Mesh.Store.DeleteDatabase("readings");
        var fresh = _f.Mesh.Store.CreateDatabase("readings");
        fresh.Put("new", null, MeshFixture.Body(1, 50));

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(_f.Receipt(1), SourceFixture.Destination));

        Assert.NotNull(fresh.Get("new"));
        RecordingSink sink = _f.Offer(node, SourceFixture.Carrier(4));
        BundleHeader header = sink.Header(0);
        Assert.Equal((2L, 1L), (header.CreationSequence, header.FromSeq));
    }

    [Fact]
    public void A_database_created_again_and_written_past_the_old_seqs_is_never_freed_by_the_old_ranges()
    {
        _f.Mesh.WriteReadings(5);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Carrier());
        Assert.NotNull(_f.Mesh.Database.GetLocal(SourceNode.MarkerId));
        _f.Mesh.Store.DeleteDatabase("readings");
        var fresh = _f.Mesh.Store.CreateDatabase("readings");
        string[] ids = Enumerable.Range(0, 8).Select(i => "new" + i).ToArray();
        foreach (string id in ids)
        {
            fresh.Put(id, null, MeshFixture.Body(1, 50));
        }

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(_f.Receipt(1), SourceFixture.Destination));

        Assert.All(ids, id => Assert.NotNull(fresh.Get(id)));
        BundleHeader header = _f.Offer(node, SourceFixture.Carrier(4)).Header(0);
        Assert.Equal((2L, 1L, 8L), (header.CreationSequence, header.FromSeq, header.ToSeq));
    }

    public void Dispose() => _f.Dispose();
}
