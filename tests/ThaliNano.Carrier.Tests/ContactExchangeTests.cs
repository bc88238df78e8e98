using ThaliNano.Carrier.Storage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Carrier.Tests;

/// <summary>Carriers in real contacts (ContactInitiator and ContactResponder) over in-memory links, whole and cut.</summary>
public sealed class ContactExchangeTests : IDisposable
{
    private const int Copies = 4;

    private readonly TempFolder _folder = new();
    private readonly ManualTime _time = new();
    private readonly SensorFixture _sensorA = new();
    private readonly SensorFixture _sensorB = new(SensorFixture.Id(5));
    private readonly byte[][] _bundlesA;
    private readonly byte[][] _bundlesB;
    private int _pairs;

    public ContactExchangeTests()
    {
        _bundlesA = Enumerable.Range(1, 6).Select(s => _sensorA.Bundle(s, _time.Dtn, Copies)).ToArray();
        _bundlesB = Enumerable.Range(1, 4).Select(s => _sensorB.Bundle(s, _time.Dtn, Copies)).ToArray();
    }

    public void Dispose()
    {
        _sensorA.Dispose();
        _sensorB.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Two_carriers_swap_what_the_other_lacks_and_each_keeps_half_the_copies()
    {
        (Carrier a, Carrier b) = Pair();
        using (a)
        using (b)
        {
            ContactReport report = b.Visit(Link(a, b), PeerOf(a));

            Assert.True(report.Completed, report.Reason);
            Assert.Equal((2, 6, 4, 0), (report.RoundTrips, report.BundlesReceived, report.BundlesSent, report.BundlesRefused));
            foreach (Carrier carrier in new[] { a, b })
            {
                Assert.Equal(10, carrier.Store.Held().Count);
                Assert.All(carrier.Store.Held(), held => Assert.Equal(Copies / 2, held.Copies));
                Assert.Equal(0, carrier.Statistics().OffersOutstanding);
            }

            Assert.Empty(b.Node.PendingAcks(PeerOf(a)));

            ContactReport again = b.Visit(Link(a, b), PeerOf(a));
            Assert.True(again.Completed, again.Reason);
            Assert.Equal((0, 0), (again.BundlesReceived, again.BundlesSent));
        }
    }

    [Fact]
    public void A_carrier_delivers_to_the_destination_drops_its_copies_and_carries_the_receipt_to_the_sensor()
    {
        (Carrier a, Carrier b) = Pair();
        using (a)
        using (b)
        {
            var destination = new TestDestination(_sensorA, _time);

            ContactReport report = a.Visit(new InMemoryLink(new ContactResponder(destination), a.Id), new Peer(destination.Id, NodeRole.Destination));

            Assert.True(report.Completed, report.Reason);
            Assert.Equal(6, destination.Deliveries);
            Assert.Equal("[1-6]", destination.Received.ToString());
            Assert.Empty(a.Store.Held());
            Assert.Equal(6, a.Statistics()[CarrierCounter.DroppedReceipted]);   // the receipt is read before the frame's acks apply

            byte[] receipt = Assert.Single(a.Node.ReceiptsFor(new Peer(_sensorA.Source, NodeRole.Sensor), null));
            Assert.Equal(ReceiptRejection.None, Receipt.Verify(receipt, _sensorA.Key, out Receipt verified));
            Assert.Equal("[1-6]", verified.Bundles.ToString());
        }
    }

    [Fact]
    public void A_second_visit_passes_on_receipts_and_the_peer_drops_the_copies_they_claim()
    {
        (Carrier a, Carrier b) = Pair();
        using (a)
        using (b)
        {
            b.Visit(Link(a, b), PeerOf(a));
            a.Node.TakeReceipt(_sensorA.Receipt(_time.Dtn, 1, 2, 3), PeerOf(b));

            ContactReport report = b.Visit(Link(a, b), PeerOf(a));

            Assert.True(report.Completed, report.Reason);
            Assert.Equal(1, report.ReceiptsReceived);
            Assert.Equal([4L, 5L, 6L], b.Store.Held().Where(h => h.Source == _sensorA.Source).Select(h => h.CreationSequence));
        }
    }

    [Fact]
    public void Contacts_cut_at_random_points_lose_nothing_and_duplicate_nothing()
    {
        long whole;
        (Carrier first, Carrier second) = Pair();
        using (first)
        using (second)
        {
            ContactReport report = second.Visit(Link(first, second), PeerOf(first));
            whole = report.WireBytesSent + report.WireBytesReceived;
        }

        var random = new Random(20261203);
        int cuts = 0;
        for (int run = 0; run < 40; run++)
        {
            long budget = random.NextInt64(whole);
            (Carrier a, Carrier b) = Pair();
            using (a)
            using (b)
            {
                var cutting = new CuttingLink(Link(a, b), budget);
                ContactReport cut = b.Visit(cutting, PeerOf(a));
                cuts += cutting.WasCut && !cut.Completed ? 1 : 0;

                ContactReport resumed = b.Visit(Link(a, b), PeerOf(a));

                Assert.True(resumed.Completed, "budget " + budget + ": " + resumed.Reason);
                AssertCarried(a, b, budget);
            }
        }

        Assert.Equal(40, cuts);
    }

    /// <summary>
    /// Each carrier holds each of the ten bundles once. What B took from A (B initiated, so its owed acks reach A at the
    /// next visit) is counted exactly: 2 and 2 of 4 copies. What A took from B may leave B its 4 copies when A's custody
    /// reply was lost (the protocol never resends a responder's acks: extra copies, never fewer).
    /// </summary>
    private void AssertCarried(Carrier a, Carrier b, long budget)
    {
        foreach (Carrier carrier in new[] { a, b })
        {
            IReadOnlyList<HeldBundle> held = carrier.Store.Held();
            Assert.Equal(10, held.Select(h => (h.Source, h.CreationSequence)).Distinct().Count());
            Assert.Equal(10, held.Count);
        }

        string context = "budget " + budget;
        Assert.All(a.Store.Held(), h => Assert.True(h.Copies == 2, context));
        Assert.All(b.Store.Held().Where(h => h.Source == _sensorA.Source), h => Assert.True(h.Copies == 2, context));
        Assert.All(b.Store.Held().Where(h => h.Source == _sensorB.Source), h => Assert.True(h.Copies is 2 or 4, context));
        Assert.Empty(b.Node.PendingAcks(PeerOf(a)));
        Assert.Equal(0, a.Statistics().OffersOutstanding);
        Assert.Equal(0, b.Store.Statistics()[CarrierCounter.DroppedHandedOver] + a.Store.Statistics()[CarrierCounter.DroppedHandedOver]);
    }

    /// <summary>Carrier A holding sensor A's bundles, carrier B holding sensor B's, in fresh stores.</summary>
    private (Carrier A, Carrier B) Pair()
    {
        _pairs++;
        var options = new CarrierOptions { Time = _time };
        Carrier a = Carrier.Open(_folder.Sub("a" + _pairs), SensorFixture.Id(10), options);
        Carrier b = Carrier.Open(_folder.Sub("b" + _pairs), SensorFixture.Id(11), options);
        Hold(a, _bundlesA, _sensorA.Source);
        Hold(b, _bundlesB, _sensorB.Source);
        return (a, b);
    }

    private static void Hold(Carrier carrier, byte[][] bundles, PublicKeyId sensor)
    {
        foreach (byte[] wire in bundles)
        {
            Assert.Equal(BundleRejection.None, carrier.Node.Take(wire, SensorFixture.Header(wire), new Peer(sensor, NodeRole.Sensor)));
        }
    }

    private static InMemoryLink Link(Carrier responder, Carrier initiator) => new(new ContactResponder(responder.Node), initiator.Id);

    private static Peer PeerOf(Carrier carrier) => new(carrier.Id, NodeRole.Carrier);
}
