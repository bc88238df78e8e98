using ThaliNano.Carrier.Storage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Carrier.Tests;

public sealed class CarrierNodeTests : IDisposable
{
    private static readonly PublicKeyId s_self = SensorFixture.Id(3);
    private static readonly Peer s_carrier = new(SensorFixture.Id(10), NodeRole.Carrier);
    private static readonly Peer s_otherCarrier = new(SensorFixture.Id(11), NodeRole.Carrier);
    private static readonly Peer s_destination = new(SensorFixture.Destination, NodeRole.Destination);

    private readonly TempFolder _folder = new();
    private readonly SensorFixture _sensor = new();
    private readonly ManualTime _time = new();
    private readonly CarrierStore _store;
    private readonly CarrierNode _node;

    public CarrierNodeTests()
    {
        _store = CarrierStore.Open(_folder.Path);
        _node = new CarrierNode(_store, s_self, time: _time);
    }

    private Peer Sensor => new(_sensor.Source, NodeRole.Sensor);

    public void Dispose()
    {
        _store.Dispose();
        _sensor.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void It_is_a_carrier_spraying_and_waiting_by_default()
    {
        Assert.Equal(s_self, _node.Id);
        Assert.Equal(NodeRole.Carrier, _node.Role);
        Assert.IsType<SprayAndWaitPolicy>(_node.Policy);
        Assert.Equal(CarrierNode.DefaultMaxInboundFrameBytes, _node.MaxInboundFrameBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CarrierNode(_store, s_self, maxInboundFrameBytes: ContactLimits.MinFrameBytes - 1));
    }

    [Fact]
    public void A_taken_bundle_is_held_and_its_acknowledgement_owed_until_delivered_even_across_reopening()
    {
        byte[] wire = _sensor.Bundle(1, _time.Dtn, copies: 4);

        Assert.Equal(BundleRejection.None, _node.Take(wire, SensorFixture.Header(wire), Sensor));

        CustodyAck ack = Assert.Single(_node.PendingAcks(Sensor));
        Assert.Equal((_sensor.Source, 1L, 4), (ack.Source, ack.CreationSequence, ack.Copies));
        _store.Dispose();
        using CarrierStore reopened = CarrierStore.Open(_folder.Path);
        var node = new CarrierNode(reopened, s_self, time: _time);
        Assert.Equal(wire, reopened.ReadWire(_sensor.Source, 1));
        node.AcksDelivered(Sensor, node.PendingAcks(Sensor));
        Assert.Empty(node.PendingAcks(Sensor));
    }

    [Fact]
    public void Take_refuses_what_a_carrier_must_not_hold_and_changes_nothing()
    {
        long now = _time.Dtn;
        byte[] good = _sensor.Bundle(1, now);
        byte[] expired = _sensor.Bundle(2, now - 4000, lifetimeSeconds: 3600);
        byte[] pastHopLimit = _sensor.Bundle(3, now, hopLimit: 2);
        BundleHeader.WriteMutable(pastHopLimit, 3, 1, 0);
        byte[] noCopies = _sensor.Bundle(4, now);
        BundleHeader.WriteMutable(noCopies, 0, 0, 0);

        Assert.Equal(BundleRejection.Truncated, _node.Take([1, 2, 3], SensorFixture.Header(good), Sensor));
        Assert.Equal(BundleRejection.BadVersion, _node.Take(new byte[good.Length], SensorFixture.Header(good), Sensor));
        Assert.Equal(BundleRejection.Malformed, _node.Take(good, SensorFixture.Header(expired), Sensor));
        Assert.Equal(BundleRejection.Expired, _node.Take(expired, SensorFixture.Header(expired), Sensor));
        Assert.Equal(BundleRejection.HopLimitExceeded, _node.Take(pastHopLimit, SensorFixture.Header(pastHopLimit), Sensor));
        Assert.Equal(BundleRejection.Malformed, _node.Take(noCopies, SensorFixture.Header(noCopies), Sensor));
        var ownNode = new CarrierNode(_store, _sensor.Source, time: _time);
        Assert.Equal(BundleRejection.WrongDestination, ownNode.Take(good, SensorFixture.Header(good), s_carrier));
        var destinationAsCarrier = new CarrierNode(_store, SensorFixture.Destination, time: _time);
        Assert.Equal(BundleRejection.WrongDestination, destinationAsCarrier.Take(good, SensorFixture.Header(good), s_carrier));

        Assert.Empty(_store.Held());
        Assert.Empty(_node.PendingAcks(Sensor));
    }

    [Fact]
    public void Bundles_a_known_receipt_claims_and_bundles_with_no_room_are_refused()
    {
        using CarrierStore small = CarrierStore.Open(_folder.Sub("small"), new CarrierLimits { MaxBundles = 1 });
        var node = new CarrierNode(small, s_self, time: _time);
        Assert.Equal(ReceiptRejection.None, node.TakeReceipt(_sensor.Receipt(_time.Dtn, 1), s_carrier));
        byte[] receipted = _sensor.Bundle(1, _time.Dtn);
        byte[] held = _sensor.Bundle(2, _time.Dtn, copies: 4);
        byte[] noRoom = _sensor.Bundle(3, _time.Dtn, copies: 1);

        Assert.Equal(BundleRejection.WrongDestination, node.Take(receipted, SensorFixture.Header(receipted), s_carrier));
        Assert.Equal(BundleRejection.None, node.Take(held, SensorFixture.Header(held), s_carrier));
        Assert.Equal(BundleRejection.Oversize, node.Take(noRoom, SensorFixture.Header(noRoom), s_carrier));

        Assert.Equal([2L], small.Held().Select(b => b.CreationSequence));
    }

    [Fact]
    public void A_carrier_gets_half_the_copies_as_a_copy_the_destination_can_still_open()
    {
        byte[] wire = _sensor.Bundle(1, DtnTime.Unknown, copies: 4);
        BundleHeader.WriteMutable(wire, 1, 4, 100);
        Take(wire, Sensor);
        _time.Advance(TimeSpan.FromSeconds(30));

        byte[] copy = Assert.Single(Offer(s_carrier));

        BundleHeader header = SensorFixture.Header(copy);
        Assert.Equal((2, 2, 130L), (header.HopCount, header.Copies, header.AgeSeconds));
        Assert.Equal(BundleRejection.None, _sensor.Opener().Open(copy, _time.Dtn, out OpenedBundle opened));
        Assert.Equal("readings", opened.Payload.DatabaseName);
        Assert.Equal(4, Assert.Single(_store.Held()).Copies);   // nothing counted before the acknowledgement

        _node.CustodyAcknowledged(s_carrier, new CustodyAck(_sensor.Source, 1, 2));
        _node.CustodyAcknowledged(s_carrier, new CustodyAck(_sensor.Source, 1, 2));   // repeated: counts once

        Assert.Equal(2, Assert.Single(_store.Held()).Copies);
    }

    [Fact]
    public void The_destination_gets_every_copy_of_its_bundles_and_its_acknowledgement_ends_custody()
    {
        using var other = new SensorFixture(SensorFixture.Id(41));
        Take(other.Bundle(1, _time.Dtn, copies: 1), new Peer(other.Source, NodeRole.Sensor));
        _time.Advance(TimeSpan.FromSeconds(1));
        Take(_sensor.Bundle(1, _time.Dtn, copies: 3), Sensor);
        var toOtherDestination = new Peer(SensorFixture.Id(42), NodeRole.Destination);

        Assert.Empty(Offer(toOtherDestination));
        byte[][] offered = Offer(s_destination, capacity: 2);

        Assert.Equal([1, 3], offered.Select(w => SensorFixture.Header(w).Copies));
        _node.CustodyAcknowledged(s_destination, new CustodyAck(_sensor.Source, 1, 3));
        _node.CustodyAcknowledged(s_destination, new CustodyAck(other.Source, 1, 1));
        Assert.Empty(_store.Held());
        Assert.Equal(2, _store.Statistics()[CarrierCounter.DroppedHandedOver]);
    }

    [Fact]
    public void Offers_skip_what_the_peer_holds_expired_bundles_its_own_and_single_copies_and_sensors_get_none()
    {
        using var peerAsSource = new SensorFixture(s_carrier.Id);
        Take(_sensor.Bundle(1, _time.Dtn, copies: 4), Sensor);
        Take(_sensor.Bundle(2, _time.Dtn, copies: 4, lifetimeSeconds: 10), Sensor);
        Take(_sensor.Bundle(3, _time.Dtn, copies: 4), Sensor);
        Take(_sensor.Bundle(4, _time.Dtn, copies: 1), Sensor);
        Take(peerAsSource.Bundle(1, _time.Dtn, copies: 4), s_otherCarrier);
        _time.Advance(TimeSpan.FromSeconds(11));
        var summary = new ContactSummary();
        var set = new RangeSet();
        set.Add(3);
        summary.Add(_sensor.Source, set);

        Assert.Equal([1L], Offer(s_carrier, summary: summary).Select(w => SensorFixture.Header(w).CreationSequence));
        Assert.Empty(Offer(Sensor));
    }

    [Fact]
    public void A_refused_copy_ends_the_offer_and_is_not_counted_but_a_copy_cut_mid_send_may_still_be_acknowledged()
    {
        Take(_sensor.Bundle(1, _time.Dtn, copies: 4), Sensor);
        Take(_sensor.Bundle(2, _time.Dtn, copies: 4), Sensor);

        Assert.Single(Offer(s_carrier, capacity: 1));
        Assert.Equal(1, _store.Statistics().OffersOutstanding);

        var cut = new CuttingSink();
        Assert.Throws<IOException>(() => _node.Offer(s_otherCarrier, null, cut));
        Assert.Equal(2, _store.Statistics().OffersOutstanding);
        _node.CustodyAcknowledged(s_otherCarrier, new CustodyAck(_sensor.Source, 1, 2));   // at a later contact
        Assert.Equal(2, _store.Find(_sensor.Source, 1)!.Copies);
    }

    [Fact]
    public void Under_epidemic_routing_an_acknowledgement_leaves_the_holder_its_copy()
    {
        var node = new CarrierNode(_store, s_self, new EpidemicPolicy(), time: _time);
        byte[] wire = _sensor.Bundle(1, _time.Dtn, copies: 1);
        node.Take(wire, SensorFixture.Header(wire), Sensor);
        var sink = new ListSink(10);

        node.Offer(s_carrier, new ContactSummary(), sink);
        node.CustodyAcknowledged(s_carrier, new CustodyAck(_sensor.Source, 1, 1));

        Assert.Single(sink.Bundles);
        Assert.Equal(1, Assert.Single(_store.Held()).Copies);
    }

    [Fact]
    public void The_summary_names_held_and_receipted_sequences_per_source()
    {
        Take(_sensor.Bundle(2, _time.Dtn), Sensor);
        Take(_sensor.Bundle(5, _time.Dtn), Sensor);
        _node.TakeReceipt(_sensor.Receipt(_time.Dtn, 1, 2, 3), s_carrier);

        ContactSummary summary = _node.Summarize();

        Assert.Equal(_sensor.Source, Assert.Single(Enumerable.Range(0, summary.Count).Select(summary.GetSource)));
        Assert.Equal("[1-3] [5-5]", summary.Of(_sensor.Source)!.ToString());
    }

    [Fact]
    public void With_too_many_sources_the_summary_keeps_those_with_the_most_bundles_held()
    {
        for (byte i = 0; i < ContactLimits.MaxSummarySources + 1; i++)
        {
            using var sensor = new SensorFixture(SensorFixture.Id((byte)(100 + i)), readings: 1);
            _node.TakeReceipt(sensor.Receipt(_time.Dtn, 1), s_carrier);
        }

        Take(_sensor.Bundle(1, _time.Dtn), Sensor);

        ContactSummary summary = _node.Summarize();
        Assert.Equal(ContactLimits.MaxSummarySources, summary.Count);
        Assert.Equal(_sensor.Source, summary.GetSource(0));
    }

    [Fact]
    public void Receipts_go_to_their_sensor_to_carriers_that_name_the_source_and_never_to_the_destination()
    {
        using var other = new SensorFixture(SensorFixture.Id(43));
        byte[] mine = _sensor.Receipt(_time.Dtn, 1);
        byte[] theirs = other.Receipt(_time.Dtn, 1);
        _node.TakeReceipt(mine, s_carrier);
        _node.TakeReceipt(theirs, s_carrier);
        var summary = new ContactSummary();
        summary.Add(other.Source, new RangeSet());

        Assert.Equal([mine], _node.ReceiptsFor(Sensor, null));
        Assert.Equal([theirs], _node.ReceiptsFor(s_otherCarrier, summary));
        Assert.Equal(2, _node.ReceiptsFor(s_otherCarrier, null).Length);
        Assert.Empty(_node.ReceiptsFor(s_destination, null));
    }

    [Fact]
    public void A_receipt_that_does_not_parse_is_refused_and_kept_nowhere()
    {
        byte[] receipt = _sensor.Receipt(_time.Dtn, 1);

        Assert.Equal(ReceiptRejection.Truncated, _node.TakeReceipt([], s_carrier));
        Assert.Equal(ReceiptRejection.Malformed, _node.TakeReceipt([.. receipt[..^16], 0xFF, .. receipt[^16..]], s_carrier));

        Assert.Empty(_store.Receipts());
    }

    private void Take(byte[] wire, Peer from) => Assert.Equal(BundleRejection.None, _node.Take(wire, SensorFixture.Header(wire), from));

    private byte[][] Offer(Peer peer, int capacity = 100, ContactSummary? summary = null)
    {
        var sink = new ListSink(capacity);
        _node.Offer(peer, summary ?? new ContactSummary(), sink);
        return sink.Bundles.ToArray();
    }

    private sealed class ListSink(int capacity) : IBundleSink
    {
        public List<byte[]> Bundles { get; } = new();

        public bool Add(byte[] bundle)
        {
            if (Bundles.Count == capacity)
            {
                return false;
            }

            Bundles.Add(bundle);
            return true;
        }
    }

    private sealed class CuttingSink : IBundleSink
    {
        public bool Add(byte[] bundle) => throw new IOException("the link broke");
    }
}
