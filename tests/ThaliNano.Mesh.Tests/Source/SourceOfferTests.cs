using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Mesh.Tests.Source;

public sealed class SourceOfferTests : IDisposable
{
    private readonly SourceFixture _f = new();

    [Fact]
    public void Bundles_are_cut_on_demand_in_consecutive_ranges_and_saved_before_they_are_offered()
    {
        string[] ids = _f.Mesh.WriteReadings(40, bodyBytes: 120);
        SourceNode node = _f.Node();

        RecordingSink sink = _f.Offer(node, SourceFixture.Carrier());

        Assert.True(sink.Bundles.Count >= 3, sink.Bundles.Count.ToString());
        var headers = sink.Headers().ToList();
        Assert.Equal(Enumerable.Range(1, headers.Count).Select(i => (long)i), headers.Select(h => h.CreationSequence));
        Assert.Equal(1, headers[0].FromSeq);
        for (int i = 1; i < headers.Count; i++)
        {
            Assert.Equal(headers[i - 1].ToSeq + 1, headers[i].FromSeq);
        }

        Assert.Equal(_f.Mesh.Database.GetInfo().UpdateSeq, headers[^1].ToSeq);
        Assert.All(sink.Bundles, b => Assert.True(b.Length <= _f.Options.MaxBundleBytes));
        Assert.Equal(Enumerable.Range(1, headers.Count), sink.SavesAtAdd);
        Assert.Equal(ids, sink.Bundles.SelectMany(b => _f.Open(b).Payload.Revisions.Select(r => r.Id)));
        Assert.Equal(headers.Count, node.Status.PendingBundles);
    }

    [Fact]
    public void A_bundle_once_offered_is_unreachable_while_the_next_is_cut()
    {
        _f.Mesh.WriteReadings(40, bodyBytes: 120);
        var offered = new List<WeakReference>();
        var aliveAtCut = new List<int>();
        _f.State.BeforeSave = () =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            aliveAtCut.Add(offered.Count(w => w.IsAlive));
        };

        _f.Node().Offer(SourceFixture.Carrier(), new ContactSummary(), new WeakSink(offered));

        Assert.True(offered.Count >= 3, offered.Count.ToString());
        Assert.All(aliveAtCut, alive => Assert.Equal(0, alive));
    }

    /// <summary>Takes every bundle and keeps only a weak reference to it.</summary>
    private sealed class WeakSink(List<WeakReference> offered) : IBundleSink
    {
        public bool Add(byte[] bundle)
        {
            offered.Add(new WeakReference(bundle));
            return true;
        }
    }

    [Fact]
    public void Spray_and_wait_halves_the_copies_per_carrier_and_the_destination_gets_the_rest()
    {
        _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();

        BundleHeader first = _f.Offer(node, SourceFixture.Carrier(3)).Header(0);
        Assert.Equal(2, first.Copies);
        Assert.Equal(1, first.HopCount);
        node.CustodyAcknowledged(SourceFixture.Carrier(3), new CustodyAck(MeshFixture.Source, 1, 2));

        Assert.Equal(1, _f.Offer(node, SourceFixture.Carrier(4)).Header(0).Copies);
        node.CustodyAcknowledged(SourceFixture.Carrier(4), new CustodyAck(MeshFixture.Source, 1, 1));

        Assert.Empty(_f.Offer(node, SourceFixture.Carrier(5)).Bundles);
        Assert.Equal(1, _f.Offer(node, SourceFixture.Destination).Header(0).Copies);
        Assert.Equal(3, node.Status.CopiesOut);
        Assert.Equal(1, node.Status.CopiesLeft);
    }

    [Fact]
    public void Nothing_counts_as_handed_until_custody_is_acknowledged_and_an_ack_never_takes_more_than_is_left()
    {
        _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();

        _f.Offer(node, SourceFixture.Carrier(3));
        Assert.Equal(2, _f.Offer(node, SourceFixture.Carrier(4)).Header(0).Copies);
        node.CustodyAcknowledged(SourceFixture.Carrier(4), new CustodyAck(MeshFixture.Source, 1, 200));
        node.CustodyAcknowledged(SourceFixture.Carrier(4), new CustodyAck(MeshFixture.Carrier, 1, 4));

        Assert.Equal(0, node.Status.CopiesLeft);
        Assert.Empty(_f.Offer(node, SourceFixture.Destination).Bundles);
    }

    [Fact]
    public void A_bundle_the_peer_already_holds_is_not_offered_again()
    {
        _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Carrier(3));
        var summary = new ContactSummary();
        var held = new RangeSet();
        held.Add(1);
        summary.Add(MeshFixture.Source, held);

        Assert.Empty(_f.Offer(node, SourceFixture.Carrier(3), summary).Bundles);
        Assert.Single(_f.Offer(node, SourceFixture.Carrier(4)).Bundles);
    }

    [Fact]
    public void A_contact_that_changes_nothing_costs_no_state_write()
    {
        _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Carrier(3));
        var summary = new ContactSummary();
        var held = new RangeSet();
        held.Add(1);
        summary.Add(MeshFixture.Source, held);
        int saves = _f.State.Saves;

        Assert.Empty(_f.Offer(node, SourceFixture.Carrier(3), summary).Bundles);
        Assert.True(node.Flush());

        Assert.Equal(saves, _f.State.Saves);
        Assert.Equal(2, node.Status.Contacts);
    }

    [Fact]
    public void A_full_sink_stops_the_offer_and_the_bundle_waits_for_the_next_carrier_without_a_new_cut()
    {
        _f.Mesh.WriteReadings(40, bodyBytes: 120);
        SourceNode node = _f.Node();

        RecordingSink first = _f.Offer(node, SourceFixture.Carrier(3), capacity: 1);
        int cut = node.Status.PendingBundles;
        RecordingSink second = _f.Offer(node, SourceFixture.Carrier(4));

        Assert.Single(first.Bundles);
        Assert.Equal(2, cut);
        Assert.Equal(new long[] { 1, 2 }, second.Headers().Take(2).Select(h => h.CreationSequence));
        Assert.Equal(first.Header(0).ToSeq, second.Header(0).ToSeq);
    }

    [Fact]
    public void A_rebuild_covers_the_same_range_and_leaves_a_later_updated_document_to_a_later_bundle()
    {
        _f.Mesh.WriteReadings(5);
        SourceNode node = _f.Node();
        BundleHeader original = _f.Offer(node, SourceFixture.Carrier(3)).Header(0);
        _f.Mesh.Database.Put("r0002", _f.Mesh.Database.Get("r0002").Rev, MeshFixture.Body(42, 80));

        RecordingSink again = _f.Offer(node, SourceFixture.Carrier(4));

        Assert.Equal(2, again.Bundles.Count);
        OpenedBundle rebuilt = _f.Open(again.Bundles[0]);
        Assert.Equal((1L, original.ToSeq, 1L), (rebuilt.Header.FromSeq, rebuilt.Header.ToSeq, rebuilt.Header.CreationSequence));
        Assert.Equal(new[] { "r0000", "r0001", "r0003", "r0004" }, rebuilt.Payload.Revisions.Select(r => r.Id));
        OpenedBundle later = _f.Open(again.Bundles[1]);
        Assert.Equal("r0002", Assert.Single(later.Payload.Revisions).Id);
        Assert.Equal(2, later.Payload.Revisions[0].RevisionsStart);
    }

    [Fact]
    public void A_pending_bundle_whose_documents_all_moved_on_is_dropped()
    {
        _f.Mesh.WriteReadings(1);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Carrier(3));
        _f.Mesh.Database.Put("r0000", _f.Mesh.Database.Get("r0000").Rev, MeshFixture.Body(1, 60));

        RecordingSink again = _f.Offer(node, SourceFixture.Carrier(4));

        Assert.Equal(2, Assert.Single(again.Headers()).CreationSequence);
        Assert.Equal(1, node.Status.PendingBundles);
    }

    [Fact]
    public void No_more_than_MaxPendingBundles_are_cut_and_the_rest_waits_in_the_database()
    {
        var options = new SourceOptions { MaxPendingBundles = 2, MaxBundleBytes = 1024 };
        using var f = new SourceFixture(options);
        f.Mesh.WriteReadings(40, bodyBytes: 120);
        SourceNode node = f.Node();

        Assert.Equal(2, f.Offer(node, SourceFixture.Carrier()).Bundles.Count);
        RecordingSink next = f.Offer(node, SourceFixture.Carrier(4));

        Assert.Equal(new long[] { 1, 2 }, next.Headers().Select(h => h.CreationSequence));
        Assert.True(next.Header(1).ToSeq < f.Mesh.Database.GetInfo().UpdateSeq);
        Assert.Equal(3, node.BundlesWaiting);   // two with copies left, and documents not yet cut
        Assert.Equal(2, node.Status.PendingBundles);
    }

    [Fact]
    public void A_bundle_whose_lifetime_passed_unreceipted_is_reissued_with_fresh_copies_and_the_same_range()
    {
        var options = new SourceOptions { LifetimeSeconds = 3600 };
        using var f = new SourceFixture(options);
        f.Mesh.WriteReadings(3);
        SourceNode node = f.Node();
        BundleHeader first = f.Offer(node, SourceFixture.Carrier(3)).Header(0);
        node.CustodyAcknowledged(SourceFixture.Carrier(3), new CustodyAck(MeshFixture.Source, 1, 2));
        node.CustodyAcknowledged(SourceFixture.Carrier(4), new CustodyAck(MeshFixture.Source, 1, 2));   // a forged claim
        Assert.Empty(f.Offer(node, SourceFixture.Carrier(5)).Bundles);

        f.Clock.Now += 3601;
        BundleHeader reissued = f.Offer(node, SourceFixture.Carrier(5)).Header(0);

        Assert.Equal(2, reissued.CreationSequence);
        Assert.Equal((first.FromSeq, first.ToSeq), (reissued.FromSeq, reissued.ToSeq));
        Assert.Equal(f.Clock.Now, reissued.CreationTime);
        Assert.Equal(2, reissued.Copies);
        Assert.Equal(BundleRejection.None, f.Mesh.Opener().Open(f.Offer(node, SourceFixture.Destination).Bundles[0], f.Clock.Now, out _));
    }

    [Fact]
    public void Every_bundle_carries_the_lowest_creation_sequence_still_pending_as_its_settled_floor()
    {
        var options = new SourceOptions { LifetimeSeconds = 3600 };
        using var f = new SourceFixture(options);
        f.Mesh.WriteReadings(40, bodyBytes: 120);
        SourceNode node = f.Node();
        List<byte[]> first = f.Offer(node, SourceFixture.Carrier(3)).Bundles;
        Assert.True(first.Count >= 3, first.Count.ToString());
        Assert.All(first, b => Assert.Equal(1, f.Open(b).Payload.SettledBelow));

        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(f.Receipt(1), SourceFixture.Destination));
        Assert.All(f.Offer(node, SourceFixture.Carrier(4)).Bundles, b => Assert.Equal(2, f.Open(b).Payload.SettledBelow));

        f.Clock.Now += 3601;
        List<byte[]> reissued = f.Offer(node, SourceFixture.Carrier(5)).Bundles;
        long lowest = reissued.Min(b => f.Open(b).Header.CreationSequence);
        Assert.Equal(first.Count + 1, lowest);
        Assert.All(reissued, b => Assert.Equal(lowest, f.Open(b).Payload.SettledBelow));
    }

    [Fact]
    public void Without_a_clock_nothing_expires_and_bundles_carry_no_creation_time()
    {
        _f.Mesh.WriteReadings(3);
        _f.Clock.Now = DtnTime.Unknown;
        SourceNode node = _f.Node();

        BundleHeader header = _f.Offer(node, SourceFixture.Carrier(3)).Header(0);
        Assert.False(header.HasClock);
        _f.Clock.Now = MeshFixture.Now + (30L * 86400);

        Assert.Equal(1, _f.Offer(node, SourceFixture.Carrier(4)).Header(0).CreationSequence);
    }

    [Fact]
    public void A_sensor_is_source_only()
    {
        byte[] bundle = _f.Mesh.OneBundle();
        SourceNode node = _f.Node();
        BundleHeader.TryParse(bundle, 65536, out BundleHeader header);

        Assert.Equal(NodeRole.Sensor, node.Role);
        Assert.Equal(MeshFixture.Source, node.Id);
        Assert.Equal(0, node.Summarize().Count);
        Assert.Empty(node.ReceiptsFor(SourceFixture.Carrier(), null!));
        Assert.Empty(node.PendingAcks(SourceFixture.Carrier()));
        Assert.NotEqual(BundleRejection.None, node.Take(bundle, header, SourceFixture.Carrier()));
        Assert.Empty(_f.Offer(node, new Peer(MeshFixture.Id(9), NodeRole.Sensor)).Bundles);
        Assert.Equal(0, node.Status.PendingBundles);
    }

    [Fact]
    public void When_the_state_cannot_be_saved_nothing_is_offered_and_no_creation_sequence_is_used_twice()
    {
        _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();
        _f.State.Fail = true;

        Assert.Empty(_f.Offer(node, SourceFixture.Carrier(3)).Bundles);
        Assert.Contains("flash full", node.Status.LastError);
        Assert.Equal(0, node.Status.PendingBundles);

        _f.State.Fail = false;
        BundleHeader header = _f.Offer(node, SourceFixture.Carrier(3)).Header(0);
        Assert.Equal(2, header.CreationSequence);
        Assert.Equal(1, header.FromSeq);
    }

    [Fact]
    public void A_document_too_large_for_a_bundle_is_reported_in_the_status()
    {
        _f.Mesh.Database.Put("huge", null, MeshFixture.Body(0, 3000));
        SourceNode node = _f.Node();

        Assert.Empty(_f.Offer(node, SourceFixture.Carrier()).Bundles);
        Assert.Equal("huge", node.Status.BlockedDocumentId);
    }

    public void Dispose() => _f.Dispose();
}
