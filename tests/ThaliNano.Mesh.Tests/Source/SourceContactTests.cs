using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Source;
using ThaliNano.Mesh.Tests.Contact;
using Xunit.Abstractions;

namespace ThaliNano.Mesh.Tests.Source;

/// <summary>The SourceNode as a responder in real contacts: sensor -> carrier A -> carrier B -> destination, receipts back.</summary>
public sealed class SourceContactTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly SourceFixture _f = new(new SourceOptions { MaxBundleBytes = 1024, FreePolicy = FreePolicy.PurgeAndCompact, CompactionThresholdBytes = 1024 });
    private readonly TestNode _carrierA = new(MeshFixture.Id(10), NodeRole.Carrier);
    private readonly TestNode _carrierB = new(MeshFixture.Id(11), NodeRole.Carrier);
    private readonly TestNode _destination;

    public SourceContactTests(ITestOutputHelper output)
    {
        _output = output;
        _destination = new TestNode(MeshFixture.Destination, NodeRole.Destination) { Keyring = _f.Mesh.Keyring };
        _destination.ReceiptKeys[MeshFixture.Source] = _f.DestinationKey;
    }

    [Fact]
    public void Readings_travel_two_carriers_to_the_destination_and_its_receipt_frees_the_sensor()
    {
        string[] ids = _f.Mesh.WriteReadings(20);
        SourceNode sensor = _f.Node();
        long before = _f.Mesh.Database.GetInfo().SizeOnFlash;

        ContactReport pickUp = Meet(_carrierA, sensor);
        Assert.True(pickUp.Completed, pickUp.Reason);
        int bundles = sensor.Status.PendingBundles;
        Assert.Equal(bundles, pickUp.BundlesReceived);
        Assert.Equal(bundles * 2, sensor.Status.CopiesOut);

        Assert.True(ContactScene.Meet(_carrierB, _carrierA).Completed);
        Assert.True(ContactScene.Meet(_carrierB, _destination).Completed);
        Assert.Equal($"[1-{bundles}]", _destination.Received[MeshFixture.Source].ToString());

        ContactReport back = Meet(_carrierB, sensor);

        Assert.True(back.Completed, back.Reason);
        Assert.Equal(0, sensor.Status.PendingBundles);
        Assert.All(ids, id => Assert.False(_f.Exists(id)));
        Assert.Equal(ids.Length, sensor.Status.DocumentsPurged);
        Assert.True(_f.Mesh.Database.GetInfo().SizeOnFlash < before);
    }

    [Theory]
    [InlineData(2048, 100)]
    [InlineData(4096, 200)]
    public void A_pick_up_costs_at_most_15_percent_over_the_payload_on_the_wire(int maxBundleBytes, int readings)
    {
        using var f = new SourceFixture(new SourceOptions { MaxBundleBytes = maxBundleBytes, MaxOfferBytes = int.MaxValue, MaxPendingBundles = 255 });
        f.Mesh.WriteReadings(readings);
        SourceNode sensor = f.Node();
        var carrier = new TestNode(MeshFixture.Id(10), NodeRole.Carrier);

        ContactReport report = Meet(carrier, sensor);

        // The payload is the plaintext sealed: each bundle less its fixed cost (header, IV, tag) and 1 to 16 bytes of padding.
        long payload = report.BundleBytesReceived - (report.BundlesReceived * (BundleFormat.FixedOverheadBytes + BundleFormat.BlockBytes));
        long wire = report.WireBytesSent + report.WireBytesReceived;
        _output.WriteLine($"{maxBundleBytes} B bundles, {readings} readings: {report.BundlesReceived} bundles of {report.BundleBytesReceived} B, "
            + $"payload >= {payload} B, wire {wire} B (both ways), wire/payload <= {(double)wire / payload:F3}, round trips {report.RoundTrips}");
        Assert.True(report.Completed, report.Reason);
        Assert.Equal(2, report.RoundTrips);
        Assert.True(wire <= 1.15 * payload, $"wire {wire} B for {payload} B of payload");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(300)]
    [InlineData(1500)]
    [InlineData(4000)]
    public void A_contact_cut_anywhere_loses_nothing_and_the_next_one_completes_the_pick_up(int cutAfterBytes)
    {
        _f.Mesh.WriteReadings(20);
        SourceNode sensor = _f.Node();

        Meet(_carrierA, sensor, cutAfterBytes);
        ContactReport again = Meet(_carrierA, sensor);
        Assert.True(again.Completed, again.Reason);
        Assert.True(ContactScene.Meet(_carrierA, _destination).Completed);

        Assert.Equal($"[1-{sensor.Status.LastCreationSequence}]", _destination.Received[MeshFixture.Source].ToString());
        Assert.True(Meet(_carrierA, sensor).Completed);
        Assert.Equal(0, sensor.Status.PendingBundles);
        Assert.Equal(0, _f.Mesh.Database.GetInfo().DocCount);
    }

    [Fact]
    public void A_peer_that_only_claims_the_destination_role_over_BLE_gets_nothing_and_frees_nothing()
    {
        string[] ids = _f.Mesh.WriteReadings(5);
        SourceNode sensor = _f.Node();
        var impostor = new TestNode(MeshFixture.Id(12), NodeRole.Destination);

        new ContactInitiator(impostor).Run(new LoopbackLink(new ContactResponder(sensor), null), null);

        Assert.All(ids, id => Assert.True(_f.Exists(id)));
        Assert.Equal(1, sensor.Status.PendingBundles);
    }

    private static ContactReport Meet(TestNode carrier, SourceNode sensor, long cutAfterBytes = long.MaxValue) =>
        new ContactInitiator(carrier).Run(new LoopbackLink(new ContactResponder(sensor), carrier.Id, cutAfterBytes), new Peer(sensor.Id, NodeRole.Sensor));

    public void Dispose() => _f.Dispose();
}
