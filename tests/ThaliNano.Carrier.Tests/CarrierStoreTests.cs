using System.Runtime.Versioning;
using ThaliNano.Carrier.Storage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Carrier.Tests;

public sealed class CarrierStoreTests : IDisposable
{
    private static readonly PublicKeyId s_peer = SensorFixture.Id(20);

    private readonly TempFolder _folder = new();
    private readonly SensorFixture _sensor = new();
    private readonly ManualTime _time = new();

    public void Dispose()
    {
        _sensor.Dispose();
        _folder.Dispose();
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_folder_and_every_database_file_are_private()
    {
        string folder = _folder.Sub("store");
        using CarrierStore store = CarrierStore.Open(folder);
        Take(store, _sensor.Bundle(1, _time.Dtn));

        Assert.Equal(CarrierStore.PrivateFolderMode, File.GetUnixFileMode(folder));
        string[] files = Directory.GetFiles(folder);
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(CarrierStore.PrivateFileMode, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void A_taken_bundle_is_on_disk_when_take_returns()
    {
        string folder = _folder.Sub("store");
        byte[] wire = _sensor.Bundle(1, _time.Dtn);
        using CarrierStore store = CarrierStore.Open(folder);

        Assert.Equal(StoreOutcome.Stored, Take(store, wire));

        // A copy of the files while the connection is still open is what a crash at this instant leaves behind.
        string crashed = _folder.Sub("crashed");
        Directory.CreateDirectory(crashed);
        foreach (string file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }

        using CarrierStore recovered = CarrierStore.Open(crashed);
        Assert.Equal(wire, recovered.ReadWire(_sensor.Source, 1));
        Assert.Equal(1, Assert.Single(recovered.AcksOwed(s_peer, 10)).CreationSequence);
    }

    [Fact]
    public void Bundles_acks_offers_receipts_and_counters_survive_reopening()
    {
        string folder = _folder.Sub("store");
        using (CarrierStore store = CarrierStore.Open(folder))
        {
            Take(store, _sensor.Bundle(1, _time.Dtn));
            Take(store, _sensor.Bundle(2, _time.Dtn));
            store.RecordOffers(SensorFixture.Id(21), [new PendingOffer(_sensor.Source, 2, 2)]);
            TakeReceipt(store, _sensor.Receipt(_time.Dtn, 3));
        }

        using CarrierStore reopened = CarrierStore.Open(folder);
        Assert.Equal([1L, 2L], reopened.Held().Select(b => b.CreationSequence));
        Assert.Equal(2, reopened.AcksOwed(s_peer, 10).Count);
        Assert.Equal(2, reopened.Acknowledge(SensorFixture.Id(21), _sensor.Source, 2));
        Assert.True(Assert.Single(reopened.Receipts()).Claim.Bundles.Contains(3));
        Assert.Equal(2, reopened.Statistics()[CarrierCounter.BundlesStored]);
    }

    [Fact]
    public void The_clear_header_fields_are_indexed_as_received()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path);
        byte[] wire = _sensor.Bundle(7, _time.Dtn, copies: 3, lifetimeSeconds: 600);
        BundleHeader.WriteMutable(wire, 2, 3, 0);

        Take(store, wire);

        HeldBundle held = Assert.Single(store.Held());
        Assert.Equal(_sensor.Source, held.Source);
        Assert.Equal(7, held.CreationSequence);
        Assert.Equal(SensorFixture.Destination.ToByteArray()[..8], held.DestinationHint);
        Assert.Equal(3, held.Copies);
        Assert.Equal(2, held.HopCount);
        Assert.Equal(_time.Dtn + 600, held.ExpiresAt);
        Assert.Equal(_time.Dtn, held.ReceivedAt);
        Assert.Equal(s_peer, held.FromPeer);
        Assert.Equal(wire.Length, held.Size);
    }

    [Fact]
    public void Without_a_source_clock_the_expiry_is_the_lifetime_the_age_leaves()
    {
        byte[] wire = _sensor.Bundle(1, DtnTime.Unknown, lifetimeSeconds: 600);
        BundleHeader.WriteMutable(wire, 1, 4, 250);

        Assert.Equal(_time.Dtn + 350, CarrierStore.ExpiryOf(SensorFixture.Header(wire), _time.Dtn));
    }

    [Fact]
    public void A_second_copy_of_a_held_bundle_is_not_stored_twice_and_keeps_the_larger_copy_count()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path);
        Take(store, _sensor.Bundle(1, _time.Dtn, copies: 2));

        Assert.Equal(StoreOutcome.AlreadyHeld, Take(store, _sensor.Bundle(1, _time.Dtn, copies: 2)));
        Assert.Equal(2, Assert.Single(store.Held()).Copies);
        Assert.Equal(StoreOutcome.AlreadyHeld, Take(store, _sensor.Bundle(1, _time.Dtn, copies: 3), SensorFixture.Id(21)));

        Assert.Equal(3, Assert.Single(store.Held()).Copies);
        Assert.Equal(3, Assert.Single(store.AcksOwed(SensorFixture.Id(21), 10)).Copies);
        Assert.Equal(2, store.Statistics()[CarrierCounter.DuplicatesTaken]);
    }

    [Fact]
    public void Drop_order_expired_first_then_fewest_copies_then_soonest_expiry()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path, new CarrierLimits { MaxBundles = 4 });
        long now = _time.Dtn;
        Take(store, _sensor.Bundle(1, now - 3000, copies: 4, lifetimeSeconds: 3600));   // expires first, copies 4
        Take(store, _sensor.Bundle(2, now, copies: 1, lifetimeSeconds: 7200));
        Take(store, _sensor.Bundle(3, now, copies: 1, lifetimeSeconds: 3600));
        Take(store, _sensor.Bundle(4, now, copies: 2, lifetimeSeconds: 3600));
        _time.Advance(TimeSpan.FromSeconds(601));   // bundle 1 has expired

        Assert.Equal(StoreOutcome.Stored, Take(store, _sensor.Bundle(5, _time.Dtn, copies: 2)));
        Assert.Equal([2L, 3L, 4L, 5L], HeldSequences(store));

        Assert.Equal(StoreOutcome.Stored, Take(store, _sensor.Bundle(6, _time.Dtn, copies: 2)));
        Assert.Equal([2L, 4L, 5L, 6L], HeldSequences(store));   // 3: one copy and the sooner expiry of the two

        Assert.Equal(StoreOutcome.Stored, Take(store, _sensor.Bundle(7, _time.Dtn, copies: 3)));
        Assert.Equal([4L, 5L, 6L, 7L], HeldSequences(store));

        CarrierStatistics statistics = store.Statistics();
        Assert.Equal(1, statistics[CarrierCounter.DroppedExpired]);
        Assert.Equal(2, statistics[CarrierCounter.DroppedForRoom]);
    }

    [Fact]
    public void A_bundle_that_would_be_dropped_first_is_refused_and_nothing_is_dropped()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path, new CarrierLimits { MaxBundles = 2 });
        Take(store, _sensor.Bundle(1, _time.Dtn, copies: 2));
        Take(store, _sensor.Bundle(2, _time.Dtn, copies: 1, lifetimeSeconds: 3600));

        Assert.Equal(StoreOutcome.BufferFull, Take(store, _sensor.Bundle(3, _time.Dtn, copies: 1, lifetimeSeconds: 3600)));
        Assert.Equal(StoreOutcome.BufferFull, Take(store, _sensor.Bundle(4, _time.Dtn, copies: 1, lifetimeSeconds: 60)));

        Assert.Equal([1L, 2L], HeldSequences(store));
        Assert.Equal([1L, 2L], store.AcksOwed(s_peer, 10).Select(a => a.CreationSequence));
        Assert.Equal(2, store.Statistics()[CarrierCounter.BundlesRefused]);
    }

    [Fact]
    public void The_byte_bound_drops_as_many_as_it_takes_and_refuses_what_never_fits()
    {
        byte[] small = _sensor.Bundle(1, _time.Dtn, copies: 1);
        using var bigSensor = new SensorFixture(SensorFixture.Id(5), readings: 20);
        byte[] big = bigSensor.Bundle(1, _time.Dtn, copies: 2);
        using CarrierStore store = CarrierStore.Open(_folder.Path, new CarrierLimits { MaxBytes = big.Length + small.Length - 1 });
        Take(store, small);
        Take(store, _sensor.Bundle(2, _time.Dtn, copies: 1, lifetimeSeconds: 7200));

        Assert.Equal(StoreOutcome.Stored, Take(store, big));

        Assert.Equal([bigSensor.Source], store.Held().Select(b => b.Source));
        Assert.Equal(big.Length, store.Statistics().BytesHeld);

        using CarrierStore tiny = CarrierStore.Open(_folder.Sub("tiny"), new CarrierLimits { MaxBytes = small.Length - 1 });
        Assert.Equal(StoreOutcome.TooLarge, Take(tiny, small));
        Assert.Empty(tiny.Held());
    }

    [Fact]
    public void A_receipt_drops_the_copies_it_claims_and_refuses_them_later()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path);
        Take(store, _sensor.Bundle(1, _time.Dtn));
        Take(store, _sensor.Bundle(2, _time.Dtn));
        Take(store, _sensor.Bundle(3, _time.Dtn));
        store.RecordOffers(SensorFixture.Id(21), [new PendingOffer(_sensor.Source, 1, 2)]);

        Assert.True(TakeReceipt(store, _sensor.Receipt(_time.Dtn, 1, 3, 4)));

        Assert.Equal([2L], HeldSequences(store));
        Assert.Equal(0, store.Statistics().OffersOutstanding);
        Assert.Equal(StoreOutcome.Receipted, Take(store, _sensor.Bundle(4, _time.Dtn)));
        Assert.Equal(2, store.Statistics()[CarrierCounter.DroppedReceipted]);
    }

    [Fact]
    public void The_wider_receipt_is_kept_then_the_newer_of_two_that_do_not_cover_each_other()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path);
        long t = _time.Dtn;
        Assert.True(TakeReceipt(store, _sensor.Receipt(t, 1, 2)));
        Assert.True(TakeReceipt(store, _sensor.Receipt(t, 1, 2, 3)));       // wider
        Assert.False(TakeReceipt(store, _sensor.Receipt(t + 10, 1, 2)));    // newer but narrower
        Assert.False(TakeReceipt(store, _sensor.Receipt(t - 10, 5)));       // neither covers, older
        Assert.True(TakeReceipt(store, _sensor.Receipt(t + 20, 5)));        // neither covers, newer

        Receipt kept = Assert.Single(store.Receipts()).Claim;
        Assert.Equal(t + 20, kept.IssueTime);
        Assert.Equal(5, store.Statistics()[CarrierCounter.ReceiptsTaken]);
    }

    [Fact]
    public void Receipts_and_owed_acks_stay_within_their_bounds_oldest_first()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path, new CarrierLimits { MaxReceipts = 2, MaxAcksOwed = 2 });
        for (byte i = 0; i < 3; i++)
        {
            using var sensor = new SensorFixture(SensorFixture.Id((byte)(30 + i)), readings: 1);
            _time.Advance(TimeSpan.FromSeconds(1));
            TakeReceipt(store, sensor.Receipt(_time.Dtn, 9));
            Take(store, sensor.Bundle(1, _time.Dtn));
        }

        Assert.Equal([SensorFixture.Id(32), SensorFixture.Id(31)], store.Receipts().Select(r => r.Claim.Source));
        Assert.Equal([SensorFixture.Id(31), SensorFixture.Id(32)], store.AcksOwed(s_peer, 10).Select(a => a.Source));
    }

    [Fact]
    public void An_acknowledgement_counts_once_and_only_for_an_outstanding_offer()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path);
        Take(store, _sensor.Bundle(1, _time.Dtn, copies: 4));
        PublicKeyId other = SensorFixture.Id(21);

        Assert.Null(store.Acknowledge(other, _sensor.Source, 1));
        store.RecordOffers(other, [new PendingOffer(_sensor.Source, 1, 2)]);
        Assert.Equal(2, store.Acknowledge(other, _sensor.Source, 1));
        Assert.Null(store.Acknowledge(other, _sensor.Source, 1));
        store.RecordOffers(other, [new PendingOffer(_sensor.Source, 1, 2)]);
        Assert.Equal(0, store.Acknowledge(other, _sensor.Source, 1));

        Assert.Empty(store.Held());
        Assert.Equal(1, store.Statistics()[CarrierCounter.DroppedHandedOver]);
    }

    [Fact]
    public void Delivered_acks_are_forgotten_unless_a_merge_changed_them_meanwhile()
    {
        using CarrierStore store = CarrierStore.Open(_folder.Path);
        Take(store, _sensor.Bundle(1, _time.Dtn, copies: 2));
        Take(store, _sensor.Bundle(2, _time.Dtn, copies: 2));
        IReadOnlyList<CustodyAck> sent = store.AcksOwed(s_peer, 10);
        Take(store, _sensor.Bundle(2, _time.Dtn, copies: 1));

        store.AcksDelivered(s_peer, sent);

        CustodyAck left = Assert.Single(store.AcksOwed(s_peer, 10));
        Assert.Equal((2L, 1), (left.CreationSequence, left.Copies));
    }

    [Fact]
    public void Bad_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CarrierStore.Open(_folder.Path, new CarrierLimits { MaxBundles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CarrierStore.Open(_folder.Path, new CarrierLimits { MaxBundleBytes = ContactLimits.MaxRecordBytes + 1 }));
    }

    private StoreOutcome Take(CarrierStore store, byte[] wire, PublicKeyId? from = null) =>
        store.Take(wire, SensorFixture.Header(wire), from ?? s_peer, _time.Dtn);

    private bool TakeReceipt(CarrierStore store, byte[] wire)
    {
        Assert.Equal(ReceiptRejection.None, Receipt.TryParse(wire, out Receipt receipt));
        return store.TakeReceipt(wire, receipt, _time.Dtn);
    }

    private static long[] HeldSequences(CarrierStore store) => store.Held().Select(b => b.CreationSequence).Order().ToArray();
}
