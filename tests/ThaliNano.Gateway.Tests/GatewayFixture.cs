using System.Security.Cryptography;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Keys;
using ThaliNano.Gateway.Ledger;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Gateway.Tests;

/// <summary>A gateway (its identity, keyring and ledger in a temporary folder) and one sensor whose key it holds.</summary>
internal sealed class GatewayFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-gateway-").FullName;
    private CouchDestination? _destination;

    public GatewayFixture()
    {
        Identity = HubIdentity.LoadOrCreate(Path.Combine(_folder, "gateway"));
        Sensor = new Sensor(Identity.KeyId);
        Keyring = new GatewayKeyring(Identity.KeyId);
        Keyring.Add(Sensor.KeyFile());
    }

    public static PublicKeyId CarrierId { get; } = PublicKeyId.FromHash(SHA256.HashData("carrier"u8));

    public string Folder => _folder;

    public HubIdentity Identity { get; }

    public PublicKeyId Id => Identity.KeyId;

    public Sensor Sensor { get; }

    public GatewayKeyring Keyring { get; }

    public string LedgerPath => Path.Combine(_folder, "delivered.sqlite");

    public GatewayNode Node { get; private set; } = null!;

    public CouchWriter Couch { get; private set; } = null!;

    public DeliveryLedger Ledger { get; private set; } = null!;

    /// <summary>Starts (or, called again, restarts on the same ledger file) the gateway node writing to the destination.</summary>
    public GatewayNode Start(CouchDestination destination, CouchWriterOptions? options = null,
        int maxInboundFrameBytes = GatewayNode.DefaultMaxInboundFrameBytes)
    {
        Stop();
        _destination = destination;
        Couch = new CouchWriter(destination, options);
        Ledger = DeliveryLedger.Open(LedgerPath);
        Node = new GatewayNode(Keyring, Couch, Ledger, maxInboundFrameBytes: maxInboundFrameBytes);
        return Node;
    }

    /// <summary>A bundle handed over by a carrier, as the contact responder passes it.</summary>
    public BundleRejection Take(byte[] bundle)
    {
        Assert.Equal(BundleRejection.None, BundleHeader.TryParse(bundle, ContactLimits.MaxRecordBytes, out BundleHeader header));
        return Node.Take(bundle, header, new Peer(CarrierId, NodeRole.Carrier));
    }

    /// <summary>The one receipt the gateway gives the sensor, verified with the sensor's key: the bundles it covers.</summary>
    public RangeSet VerifiedReceipt()
    {
        byte[] receipt = Assert.Single(Node.ReceiptsFor(Sensor.Peer, null));
        Assert.Equal(ReceiptRejection.None, Receipt.Verify(receipt, Sensor.Key, out Receipt parsed));
        return parsed.Bundles;
    }

    public GatewayNode Restart() => Start(_destination ?? throw new InvalidOperationException("not started"));

    public void Dispose()
    {
        Stop();
        Sensor.Dispose();
        Identity.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Stop()
    {
        Couch?.Dispose();
        Ledger?.Dispose();
    }
}
