using CsCheck;
using ThaliNano.Gateway.Couch;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Gateway.Tests;

/// <summary>Forged, altered and misaddressed bundles: refused with the opener's reason, nothing written or recorded.</summary>
public sealed class RefusalTests : IDisposable
{
    private readonly GatewayFixture _gateway = new();
    private readonly FakeCouch _couch = new(_ => (201, "[]"));

    public RefusalTests() => _gateway.Start(CouchDestination.FromUrl(_couch.Url));

    public void Dispose()
    {
        _gateway.Dispose();
        _couch.Dispose();
    }

    [Fact]
    public void Altered_forged_and_misaddressed_bundles_are_refused_and_nothing_is_written()
    {
        new ReadingsScenario(_gateway.Sensor, readings: 4);
        byte[] bundle = _gateway.Sensor.Pack().Single();
        using var stranger = new Sensor(_gateway.Id);
        using var elsewhere = new Sensor(GatewayFixture.CarrierId);
        stranger.Put("x", null, "{}");
        elsewhere.Put("x", null, "{}");

        Assert.Equal(BundleRejection.BadTag, _gateway.Take(Flipped(bundle, bundle.Length - 40)));       // ciphertext
        Assert.Equal(BundleRejection.BadTag, _gateway.Take(Flipped(bundle, 36)));                        // creation sequence
        Assert.Equal(BundleRejection.BadTag, _gateway.Take(Flipped(bundle, bundle.Length - 1)));         // tag
        Assert.Equal(BundleRejection.UnknownSource, _gateway.Take(stranger.Pack().Single()));
        Assert.Equal(BundleRejection.WrongDestination, _gateway.Take(elsewhere.Pack().Single()));

        AssertNothingHappened();
        Assert.Equal(BundleRejection.None, _gateway.Take(bundle));
        Assert.Single(_couch.Batches);
    }

    [Fact]
    public void Arbitrary_bytes_are_refused_without_an_exception()
    {
        var peer = new Peer(GatewayFixture.CarrierId, NodeRole.Carrier);
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            BundleRejection why = BundleHeader.TryParse(bytes, 65536, out BundleHeader header);
            return why != BundleRejection.None || _gateway.Node.Take(bytes, header, peer) != BundleRejection.None;
        });

        AssertNothingHappened();
    }

    private void AssertNothingHappened()
    {
        Assert.Empty(_couch.Batches);
        Assert.Equal(0, _gateway.Couch.Requests);
        Assert.Equal(0, _gateway.Ledger.Count);
        Assert.Empty(_gateway.Node.ReceiptsFor(_gateway.Sensor.Peer, null));
    }

    private static byte[] Flipped(byte[] bundle, int index)
    {
        byte[] copy = (byte[])bundle.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
