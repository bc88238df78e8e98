using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Mesh.Tests.Source;

public sealed class SourceStateTests : IDisposable
{
    private readonly SourceFixture _f = new(new SourceOptions { MaxBundleBytes = 1024, FreePolicy = FreePolicy.Purge });

    [Fact]
    public void Pending_bundles_copies_counters_and_receipts_survive_a_reopen()
    {
        string[] ids = _f.Mesh.WriteReadings(20, bodyBytes: 120);
        SourceNode before = _f.Node();
        int cut = _f.Offer(before, SourceFixture.Carrier(3)).Bundles.Count;
        before.CustodyAcknowledged(SourceFixture.Carrier(3), new CustodyAck(MeshFixture.Source, 1, 2));
        before.TakeReceipt(_f.Receipt(2), SourceFixture.Destination);
        Assert.True(before.Flush());
        SourceStatus was = before.Status;

        SourceNode after = _f.Node();

        SourceStatus now = after.Status;
        Assert.Equal((was.PendingBundles, was.CopiesLeft, was.CopiesOut, was.LastCreationSequence), (now.PendingBundles, now.CopiesLeft, now.CopiesOut, now.LastCreationSequence));
        Assert.Equal((was.ReceiptedBundles, was.DocumentsPurged, was.Contacts, was.LastContact), (now.ReceiptedBundles, now.DocumentsPurged, now.Contacts, now.LastContact));
        Assert.Equal(cut - 1, now.PendingBundles);
        Assert.Equal(1, _f.Offer(after, SourceFixture.Carrier(4)).Header(0).Copies);
        Assert.Equal(ReceiptRejection.None, after.TakeReceipt(_f.Receipt(1, 2, 3), SourceFixture.Destination));
        Assert.Equal(cut - 3, after.Status.PendingBundles);
    }

    [Fact]
    public void The_creation_counter_never_goes_back_after_a_reopen()
    {
        _f.Mesh.WriteReadings(3);
        _f.Offer(_f.Node(), SourceFixture.Carrier());
        _f.Mesh.WriteReadings(3, prefix: "b");

        RecordingSink sink = _f.Offer(_f.Node(), SourceFixture.Carrier(4));

        Assert.Equal(new long[] { 1, 2 }, sink.Headers().Select(h => h.CreationSequence));
        Assert.Equal(4, sink.Header(1).FromSeq);
    }

    [Fact]
    public void Unflushed_acknowledgements_lost_to_a_reboot_only_mean_more_copies()
    {
        _f.Mesh.WriteReadings(3);
        SourceNode node = _f.Node();
        _f.Offer(node, SourceFixture.Carrier(3));
        node.CustodyAcknowledged(SourceFixture.Carrier(3), new CustodyAck(MeshFixture.Source, 1, 2));

        Assert.Equal(2, _f.Offer(_f.Node(), SourceFixture.Carrier(4)).Header(0).Copies);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(-1)]
    public void A_damaged_state_record_is_refused_with_a_reason(int index)
    {
        _f.Mesh.WriteReadings(3);
        _f.Offer(_f.Node(), SourceFixture.Carrier());
        byte[] record = _f.State.Record!;
        record[index < 0 ? record.Length + index : index] ^= 0x40;
        _f.State.Record = record;

        MeshStateException e = Assert.Throws<MeshStateException>(() => _f.Node());
        Assert.Contains(index == 0 ? "version" : "checksum", e.Message);
    }

    [Fact]
    public void A_truncated_or_oversized_state_record_is_refused()
    {
        _f.Mesh.WriteReadings(3);
        _f.Offer(_f.Node(), SourceFixture.Carrier());
        byte[] record = _f.State.Record!;

        _f.State.Record = record[..^1];
        Assert.Throws<MeshStateException>(() => _f.Node());
        _f.State.Record = record[..5];
        Assert.Throws<MeshStateException>(() => _f.Node());
        _f.State.Record = new byte[SourceState.MaxBytes + 1];
        Assert.Contains("more than", Assert.Throws<MeshStateException>(() => _f.Node()).Message);
    }

    [Fact]
    public void A_state_of_another_source_or_destination_is_replaced_not_used()
    {
        _f.Mesh.WriteReadings(3);
        _f.Offer(_f.Node(), SourceFixture.Carrier());
        var other = new SourceState();
        other.LastCreationSequence = 99;
        _f.State.Record = other.Encode(SourceState.Fingerprint(MeshFixture.Carrier, MeshFixture.Destination));

        SourceNode node = _f.Node();

        Assert.Equal(0, node.Status.LastCreationSequence);
        Assert.Equal(1, _f.Offer(node, SourceFixture.Carrier()).Header(0).CreationSequence);
    }

    [Fact]
    public void The_largest_state_the_options_allow_fits_the_record_bound_and_reads_back()
    {
        var state = new SourceState();
        for (int d = 0; d < SourceOptions.MaxDatabases; d++)
        {
            var slot = new DatabaseSlot(new string((char)('a' + d), Store.DatabaseNames.MaxLength)) { LastBundledSeq = uint.MaxValue };
            for (int r = 0; r <= DatabaseSlot.MaxDeliveredRanges; r++)
            {
                slot.Delivered.AddRange(1 + (r * 1_000_000L), 2 + (r * 1_000_000L));
            }

            state.Slots.Add(slot);
        }

        for (int r = 0; r <= SourceState.MaxReceiptedRanges; r++)
        {
            state.Receipted.Add(1 + (r * 1_000_000L));
        }

        state.LastCreationSequence = uint.MaxValue;
        for (int i = 0; i < SourceOptions.MaxPendingLimit; i++)
        {
            long sequence = uint.MaxValue - SourceOptions.MaxPendingLimit + i + 1;
            state.Pending.Add(new PendingBundle(sequence, i % SourceOptions.MaxDatabases, uint.MaxValue - 100_000_000L, uint.MaxValue, uint.MaxValue));
            state.Custody.Register(sequence, 255);
        }

        state.Contacts = state.DocumentsPurged = state.BytesFreed = long.MaxValue;
        byte[] fingerprint = SourceState.Fingerprint(MeshFixture.Source, MeshFixture.Destination);

        byte[] record = state.Encode(fingerprint);
        SourceState read = SourceState.Decode(record, fingerprint);

        Assert.True(record.Length <= SourceState.MaxBytes, record.Length.ToString());
        Assert.Equal(SourceOptions.MaxPendingLimit, read.Pending.Count);
        Assert.Equal(state.Slot(3).Delivered.ToString(), read.Slot(3).Delivered.ToString());
        Assert.Equal(uint.MaxValue, read.Contacts);
    }

    [Theory]
    [InlineData(nameof(SourceOptions.MaxPendingBundles), 256)]
    [InlineData(nameof(SourceOptions.MaxPendingBundles), 0)]
    [InlineData(nameof(SourceOptions.MaxBundleBytes), 100)]
    [InlineData(nameof(SourceOptions.Copies), 0)]
    [InlineData(nameof(SourceOptions.HopLimit), 256)]
    [InlineData(nameof(SourceOptions.MaxInboundFrameBytes), 1024)]
    public void Options_out_of_range_are_refused_by_name(string option, int value)
    {
        var options = new SourceOptions();
        typeof(SourceOptions).GetProperty(option)!.SetValue(options, value);

        Assert.Equal(option, Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b,c,d,e")]
    [InlineData("_thali")]
    [InlineData("Readings")]
    [InlineData("a,a")]
    public void Database_lists_the_mesh_cannot_bundle_are_refused(string databases)
    {
        var options = new SourceOptions { Databases = databases.Split(',', StringSplitOptions.RemoveEmptyEntries) };

        Assert.Equal("Databases", Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    public void Dispose() => _f.Dispose();
}
