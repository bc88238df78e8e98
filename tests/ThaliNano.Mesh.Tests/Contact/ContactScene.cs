using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Tests.Contact;

/// <summary>A sensor with real sealed bundles, two carriers and the destination, and contacts between them.</summary>
public sealed class ContactScene : IDisposable
{
    private readonly MeshFixture _fixture = new();

    public ContactScene(int readings = 40, int maxBundleBytes = 1024)
    {
        Sensor = new TestNode(MeshFixture.Source, NodeRole.Sensor) { Ledger = new ReceiptLedger(_fixture.SourceKey) };
        Destination = new TestNode(MeshFixture.Destination, NodeRole.Destination) { Keyring = _fixture.Keyring };
        Destination.ReceiptKeys[MeshFixture.Source] = _fixture.SourceKey;
        _fixture.WriteReadings(readings);
        BundleBuilder builder = _fixture.Builder(maxBundleBytes);
        long since = 0;
        for (long sequence = 1; ; sequence++)
        {
            BundleBuildResult result = builder.Build(since, sequence, MeshFixture.Now);
            if (result.Status != BundleBuildStatus.Built)
            {
                break;
            }

            Sensor.Hold(result.Bundle, 4);
            PayloadBytes += result.PayloadBytes;
            since = result.NextSince;
        }
    }

    public TestNode Sensor { get; }

    public TestNode CarrierA { get; } = new(MeshFixture.Id(10), NodeRole.Carrier);

    public TestNode CarrierB { get; } = new(MeshFixture.Id(11), NodeRole.Carrier);

    public TestNode Destination { get; }

    public long PayloadBytes { get; }

    public static Peer PeerOf(TestNode node) => new(node.Id, node.Role);

    /// <summary>One contact: <paramref name="initiator"/> connects to <paramref name="responder"/> over HTTPS-like loopback.</summary>
    public static ContactReport Meet(TestNode initiator, TestNode responder, long cutAfterBytes = long.MaxValue, bool expectPeer = true) =>
        new ContactInitiator(initiator).Run(new LoopbackLink(new ContactResponder(responder), initiator.Id, cutAfterBytes),
            expectPeer ? PeerOf(responder) : null);

    public void Dispose() => _fixture.Dispose();
}
