using System.Security.Cryptography;
using ThaliNano.Boards.Host;
using ThaliNano.Gateway.Couch;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Gateway.Tests;

/// <summary>A ThaliNano hub (the host board, in process, on 127.0.0.1) as the destination, over mutual TLS with its key pinned.</summary>
public sealed class HubDeliveryTests : IDisposable
{
    private readonly GatewayFixture _gateway = new();
    private readonly HostHub _hub;

    public HubDeliveryTests()
    {
        _hub = HostHub.Open(Path.Combine(_gateway.Folder, "hub"));
        _hub.Pair(_gateway.Identity.CertificatePem, owner: true);
        _hub.Serve(0);
    }

    public void Dispose()
    {
        _hub.Dispose();
        _gateway.Dispose();
    }

    [Fact]
    public void Every_reading_arrives_in_the_hub_with_its_revision_history()
    {
        CouchDestination destination = CouchDestination.Parse(_hub.CompactUrl, _gateway.Identity.Certificate);
        _gateway.Start(destination);
        var scenario = new ReadingsScenario(_gateway.Sensor);
        byte[][] bundles = _gateway.Sensor.Pack(maxBundleBytes: 2048);

        foreach (byte[] bundle in bundles)
        {
            Assert.Equal(BundleRejection.None, _gateway.Take(bundle));
            Assert.Equal(BundleRejection.None, _gateway.Take(bundle));
        }

        using var reader = new CouchReader(destination);
        scenario.AssertArrived(reader, "readings");
        Assert.Equal($"[1-{bundles.Length}]", _gateway.VerifiedReceipt().ToString());
    }

    [Fact]
    public void A_hub_that_does_not_hold_the_pinned_key_gets_nothing()
    {
        var wrongPin = HttpKeyUrl.Create("127.0.0.1", _hub.Port, PublicKeyId.FromHash(SHA256.HashData("someone else"u8)), "");
        _gateway.Start(CouchDestination.FromHub(wrongPin, _gateway.Identity.Certificate));
        _gateway.Sensor.Put("x", null, "{\"n\":1}");

        Assert.Throws<CouchWriteException>(() => _gateway.Take(_gateway.Sensor.Pack().Single()));
        Assert.Equal(0, _gateway.Ledger.Count);
        Assert.False(_hub.Hub.Store.DatabaseExists("readings"));
    }
}
