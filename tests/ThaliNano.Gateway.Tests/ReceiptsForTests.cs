using ThaliNano.Gateway.Couch;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Gateway.Tests;

/// <summary>Which receipts the gateway hands to whom.</summary>
public sealed class ReceiptsForTests : IDisposable
{
    private readonly GatewayFixture _gateway = new();
    private readonly FakeCouch _couch = new(_ => (201, "[]"));

    public ReceiptsForTests()
    {
        _gateway.Start(CouchDestination.FromUrl(_couch.Url));
        _gateway.Sensor.Put("x", null, "{\"n\":1}");
        Assert.Equal(BundleRejection.None, _gateway.Take(_gateway.Sensor.Pack().Single()));
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _couch.Dispose();
    }

    [Fact]
    public void Receipts_go_for_the_sources_a_peer_names_any_without_a_summary_and_to_the_sensor_itself()
    {
        var carrier = new Peer(GatewayFixture.CarrierId, NodeRole.Carrier);
        using var otherSensor = new Sensor(_gateway.Id);

        Assert.Single(_gateway.Node.ReceiptsFor(carrier, null));
        Assert.Single(_gateway.Node.ReceiptsFor(carrier, Naming(_gateway.Sensor)));
        Assert.Empty(_gateway.Node.ReceiptsFor(carrier, Naming(otherSensor)));
        Assert.Single(_gateway.Node.ReceiptsFor(_gateway.Sensor.Peer, new ContactSummary()));
        Assert.Empty(_gateway.Node.ReceiptsFor(otherSensor.Peer, new ContactSummary()));
        Assert.Equal("[1-1]", _gateway.VerifiedReceipt().ToString());
    }

    [Fact]
    public void The_summary_names_what_was_delivered_and_receipts_from_carriers_are_only_parsed()
    {
        ContactSummary summary = _gateway.Node.Summarize();
        Assert.Equal(1, summary.Count);
        Assert.True(summary.Contains(_gateway.Sensor.Id, 1));
        Assert.False(summary.Contains(_gateway.Sensor.Id, 2));

        byte[] receipt = _gateway.Node.ReceiptsFor(null, null)[0];
        var carrier = new Peer(GatewayFixture.CarrierId, NodeRole.Carrier);
        Assert.Equal(ReceiptRejection.None, _gateway.Node.TakeReceipt(receipt, carrier));
        Assert.Equal(ReceiptRejection.Truncated, _gateway.Node.TakeReceipt([], carrier));
        Assert.Empty(_gateway.Node.PendingAcks(carrier));
    }

    private static ContactSummary Naming(Sensor sensor)
    {
        var summary = new ContactSummary();
        var one = new RangeSet();
        one.Add(1);
        summary.Add(sensor.Id, one);
        return summary;
    }
}
