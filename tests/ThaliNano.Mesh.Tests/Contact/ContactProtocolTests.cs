using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using static ThaliNano.Mesh.Tests.Contact.ContactScene;

namespace ThaliNano.Mesh.Tests.Contact;

public sealed class ContactProtocolTests : IDisposable
{
    private readonly ContactScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Fact]
    public void A_carrier_collects_a_sensors_bundles_in_two_round_trips_and_acks_each()
    {
        int bundles = _scene.Sensor.Held.Count;
        Assert.True(bundles >= 4);

        ContactReport report = Meet(_scene.CarrierA, _scene.Sensor);

        Assert.True(report.Completed, report.Reason);
        Assert.Equal(2, report.RoundTrips);
        Assert.Equal(bundles, report.BundlesReceived);
        Assert.Equal(bundles, report.AcksSent);
        Assert.Equal(bundles, _scene.CarrierA.Held.Count);
        Assert.All(_scene.CarrierA.Held.Values, held => Assert.Equal(2, held.Copies));
        Assert.All(_scene.Sensor.Held.Values, held => Assert.Equal(2, held.Copies));
        Assert.Empty(_scene.CarrierA.PendingAcks(PeerOf(_scene.Sensor)));
    }

    [Fact]
    public void Bundles_travel_sensor_to_carrier_to_carrier_to_destination_and_receipts_come_back_to_free_the_sensor()
    {
        int bundles = _scene.Sensor.Held.Count;
        Assert.True(Meet(_scene.CarrierA, _scene.Sensor).Completed);
        ContactReport handover = Meet(_scene.CarrierA, _scene.CarrierB);
        Assert.True(handover.Completed, handover.Reason);
        Assert.Equal(bundles, handover.BundlesSent);
        Assert.All(_scene.CarrierB.Held.Values, held => Assert.Equal(1, held.Copies));
        Assert.All(_scene.CarrierA.Held.Values, held => Assert.Equal(1, held.Copies));

        ContactReport delivery = Meet(_scene.CarrierB, _scene.Destination);
        Assert.True(delivery.Completed, delivery.Reason);
        Assert.Equal(bundles, _scene.Destination.Received[MeshFixture.Source].Contiguous);
        Assert.True(delivery.ReceiptsReceived >= 1);

        Assert.True(Meet(_scene.CarrierB, _scene.CarrierA).Completed);
        Assert.NotEmpty(_scene.CarrierA.Receipts);
        ContactReport back = Meet(_scene.CarrierA, _scene.Sensor);
        Assert.True(back.Completed, back.Reason);
        Assert.Empty(_scene.Sensor.Held);
        Assert.Equal(0, _scene.Sensor.Ledger!.PendingCount);
        Assert.Equal(0, back.BundlesReceived);
    }

    [Fact]
    public void A_second_contact_sends_nothing_already_held()
    {
        Assert.True(Meet(_scene.CarrierA, _scene.Sensor).Completed);

        ContactReport again = Meet(_scene.CarrierA, _scene.Sensor);

        Assert.True(again.Completed);
        Assert.Equal(0, again.BundlesReceived);
        Assert.Equal(0, again.AcksSent);
    }

    [Fact]
    public void The_reply_respects_the_initiators_frame_limit_and_the_next_contact_continues()
    {
        using var scene = new ContactScene(readings: 160);
        int bundles = scene.Sensor.Held.Count;
        var smallCarrier = new TestNode(MeshFixture.Id(20), NodeRole.Carrier, ContactLimits.MinFrameBytes);
        var contacts = 0;
        while (smallCarrier.Held.Count < bundles && contacts++ < 20)
        {
            ContactReport report = Meet(smallCarrier, scene.Sensor);
            Assert.True(report.Completed, report.Reason);
            Assert.True(report.WireBytesReceived <= ContactLimits.MinFrameBytes * 2);
            Assert.True(report.BundlesReceived > 0);
        }

        Assert.True(contacts > 1, "the scene should need more than one small frame");
        Assert.Equal(bundles, smallCarrier.Held.Count);
    }

    [Fact]
    public void A_contact_cut_at_any_byte_loses_and_duplicates_nothing_and_the_next_contact_completes_it()
    {
        using var probe = new ContactScene();
        ContactReport whole = Meet(probe.CarrierA, probe.Sensor);
        long total = whole.WireBytesSent + whole.WireBytesReceived;
        int bundles = probe.Sensor.Held.Count;

        for (long cut = 0; cut < total; cut += 37)
        {
            using var scene = new ContactScene();
            ContactReport broken = Meet(scene.CarrierA, scene.Sensor, cut);
            Assert.False(broken.Completed);
            Assert.Equal(ContactRefusal.Cut, broken.Refusal);
            Assert.Equal(bundles, scene.Sensor.Held.Count);

            ContactReport resumed = Meet(scene.CarrierA, scene.Sensor);

            Assert.True(resumed.Completed, resumed.Reason);
            Assert.Equal(bundles, scene.CarrierA.Held.Count);
            Assert.Equal(bundles, broken.BundlesReceived - broken.BundlesRefused + resumed.BundlesReceived);
            Assert.All(scene.Sensor.Held.Values, held => Assert.Equal(2, held.Copies));
            Assert.Empty(scene.CarrierA.PendingAcks(PeerOf(scene.Sensor)));
        }
    }

    [Fact]
    public void Delivery_cut_at_any_byte_is_idempotent_at_the_destination()
    {
        Assert.True(Meet(_scene.CarrierA, _scene.Sensor).Completed);
        int bundles = _scene.CarrierA.Held.Count;
        ContactReport whole = Meet(_scene.CarrierA, _scene.Destination);
        long total = whole.WireBytesSent + whole.WireBytesReceived;

        for (long cut = 0; cut < total; cut += 53)
        {
            using var scene = new ContactScene();
            Assert.True(Meet(scene.CarrierA, scene.Sensor).Completed);
            Meet(scene.CarrierA, scene.Destination, cut);
            ContactReport resumed = Meet(scene.CarrierA, scene.Destination);

            Assert.True(resumed.Completed, resumed.Reason);
            Assert.Equal(bundles, scene.Destination.Received[MeshFixture.Source].Contiguous);
            Assert.Equal(0, scene.Destination.Received[MeshFixture.Source].RangeCount);
        }
    }

    [Fact]
    public void Without_an_expected_peer_receipts_go_out_in_the_second_round_trip()
    {
        Assert.True(Meet(_scene.CarrierA, _scene.Sensor).Completed);
        Assert.True(Meet(_scene.CarrierA, _scene.Destination).Completed);

        ContactReport back = Meet(_scene.CarrierA, _scene.Sensor, expectPeer: false);

        Assert.True(back.Completed, back.Reason);
        Assert.True(back.ReceiptsSent >= 1);
        Assert.Empty(_scene.Sensor.Held);
    }

    [Fact]
    public void Acks_for_bundles_never_sent_are_ignored()
    {
        var liar = new TestNode(MeshFixture.Id(30), NodeRole.Carrier);
        Assert.True(Meet(_scene.CarrierA, _scene.Sensor).Completed);
        int acksBefore = _scene.CarrierA.AcksReceived.Count;
        // The liar answers the delivery with an ack for every bundle it was offered and one it never saw.
        ContactReport report = Meet(_scene.CarrierA, liar);
        Assert.True(report.Completed);
        Assert.Equal(report.BundlesSent, _scene.CarrierA.AcksReceived.Count - acksBefore);
    }

    [Fact]
    public void A_sensor_is_never_offered_bundles()
    {
        Assert.True(Meet(_scene.CarrierA, _scene.Sensor).Completed);
        var other = new TestNode(MeshFixture.Id(40), NodeRole.Sensor);

        ContactReport report = Meet(_scene.CarrierA, other);

        Assert.True(report.Completed);
        Assert.Equal(0, report.BundlesSent);
        Assert.Equal(0, other.TakeCalls);
    }

    [Fact]
    public void Wire_bytes_stay_within_the_target_share_of_the_payload()
    {
        var carrier = new TestNode(MeshFixture.Id(50), NodeRole.Carrier);
        using var scene = new ContactScene(readings: 160, maxBundleBytes: 4096);

        ContactReport report = Meet(carrier, scene.Sensor);

        double ratio = (double)(report.WireBytesSent + report.WireBytesReceived) / scene.PayloadBytes;
        Assert.True(report.Completed);
        Assert.True(ratio <= 1.15, $"wire/payload {ratio:F3}");
    }
}
