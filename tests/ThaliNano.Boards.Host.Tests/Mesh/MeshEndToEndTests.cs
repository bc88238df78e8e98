using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ThaliNano.Carrier.Links;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Gateway;
using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Keys;
using ThaliNano.Gateway.Ledger;
using ThaliNano.Gateway.Server;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;
using ThaliNano.Tests.Interop;
using CarrierFacade = ThaliNano.Carrier.Carrier;

namespace ThaliNano.Boards.Host.Tests.Mesh;

/// <summary>
/// The whole mesh on loopback: a host-board sensor hub, carrier A (HTTPS to the sensor), carrier B (a local link from
/// A), the gateway (Kestrel, HTTPS from B) and pouchdb-server behind it; contacts cut at random points.
/// </summary>
public sealed class MeshEndToEndTests : IDisposable
{
    private const int Readings = 60;
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-mesh-e2e-").FullName;
    private readonly PouchDbServer _pouch = new();
    private readonly HostHub _hub;
    private readonly HubIdentity _gatewayIdentity;
    private readonly CouchWriter _couch;
    private readonly DeliveryLedger _ledger;
    private readonly GatewayServer _gateway;
    private readonly ClientIdentity _phoneA;
    private readonly ClientIdentity _phoneB;
    private readonly CarrierFacade _carrierA;
    private readonly CarrierFacade _carrierB;
    private readonly Dictionary<string, string> _expected = new();

    public MeshEndToEndTests()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        _gatewayIdentity = HubIdentity.LoadOrCreate(Path.Combine(_folder, "gateway"));
        _hub = HostHub.Open(Path.Combine(_folder, "sensor"));
        string keys = Directory.CreateDirectory(Path.Combine(_folder, "gateway", "keys")).FullName;
        new SealKeyFile(_hub.Identity.KeyId, _gatewayIdentity.KeyId, secret).Write(Path.Combine(keys, "sensor.json"));
        _couch = new CouchWriter(CouchDestination.FromUrl(_pouch.Url));
        _ledger = DeliveryLedger.Open(Path.Combine(_folder, "gateway", "delivered.sqlite"));
        string allowed = Directory.CreateDirectory(Path.Combine(_folder, "gateway", "carriers")).FullName;
        _phoneA = ClientIdentity.Create(Path.Combine(_folder, "clients"), "phone-a");
        _phoneB = ClientIdentity.Create(Path.Combine(_folder, "clients"), "phone-b");
        File.WriteAllText(Path.Combine(allowed, "phone-b"), _phoneB.KeyId.ToBase64Url());
        _gateway = GatewayServer.Start(new GatewayNode(GatewayKeyring.Load(keys, _gatewayIdentity.KeyId), _couch, _ledger),
            new GatewayServerOptions { Certificate = _gatewayIdentity.Certificate, Carriers = new CarrierAllowList(allowed) });

        _hub.Pair(_phoneA.CertificatePem, owner: false);
        _hub.Serve(0, mesh: new MeshOptions
        {
            DestinationKeyId = _gatewayIdentity.KeyId,
            SharedSecret = secret,
            Random = SecureRandom.Instance,
            Source = new SourceOptions { MaxBundleBytes = 2048, FreePolicy = FreePolicy.PurgeAndCompact, CompactionThresholdBytes = 1 },
        });
        _hub.Hub.Couch.SystemWrites.AddToGroup(MeshOptions.CarrierGroup, _phoneA.Principal);
        WriteReadings(_hub.Hub.Store.CreateDatabase("readings"));
        _carrierA = CarrierFacade.Open(Path.Combine(_folder, "carrier-a"), _phoneA.KeyId);
        _carrierB = CarrierFacade.Open(Path.Combine(_folder, "carrier-b"), _phoneB.KeyId);
    }

    private SourceStatus Sensor => _hub.Hub.Mesh!.Node!.Status;

    [Fact]
    public void Every_reading_arrives_once_with_its_revision_receipts_come_back_and_the_sensor_frees_its_flash()
    {
        var random = new Random(20261203);
        using X509Certificate2 certificateA = Certificate(_phoneA);
        using X509Certificate2 certificateB = Certificate(_phoneB);
        using var sensorHttps = new HttpsContactLink(HttpKeyUrl.Parse(_hub.CompactUrl), certificateA, TimeSpan.FromSeconds(20));
        using var gatewayHttps = new HttpsContactLink(
            HttpKeyUrl.Create("127.0.0.1", _gateway.Port, _gatewayIdentity.KeyId, "/"), certificateB, TimeSpan.FromSeconds(20));
        var toSensor = new CuttingLink(sensorHttps, random, 0.3);
        var aToB = new CuttingLink(new CarrierLink(_carrierB, _carrierA.Id), random, 0.3);
        var toGateway = new CuttingLink(gatewayHttps, random, 0.3);
        var bToA = new CuttingLink(new CarrierLink(_carrierA, _carrierB.Id), random, 0.3);
        var sensor = new Peer(_hub.Identity.KeyId, NodeRole.Sensor);
        var gateway = new Peer(_gatewayIdentity.KeyId, NodeRole.Destination);
        long fileBytesBefore = StoreBytes();

        int rounds = 0;
        while ((Sensor.PendingBundles > 0 || Sensor.LastCreationSequence == 0 || _hub.Hub.Store.OpenDatabase("readings").GetInfo().DocCount > 0)
            && rounds++ < 60)
        {
            _carrierA.Visit(toSensor, sensor);
            _carrierA.Visit(aToB, new Peer(_carrierB.Id, NodeRole.Carrier));
            _carrierB.Visit(toGateway, gateway);
            _carrierB.Visit(bToA, new Peer(_carrierA.Id, NodeRole.Carrier));
        }

        Assert.True(toSensor.Cuts + aToB.Cuts + toGateway.Cuts + bToA.Cuts > 5, "the run should have cut contacts");
        Assert.True(rounds < 60, $"not done after 60 rounds: {Sensor.PendingBundles} bundles pending");
        foreach (var (id, rev) in _expected)
        {
            JsonArray leaves = Get("/readings/" + Uri.EscapeDataString(id) + "?open_revs=all&revs=true")!.AsArray();
            JsonNode leaf = Assert.Single(leaves)!["ok"]!;
            Assert.Equal(rev, leaf["_rev"]!.GetValue<string>());
            Assert.Equal(int.Parse(rev.Split('-')[0]), leaf["_revisions"]!["ids"]!.AsArray().Count);
        }

        Assert.Equal(0, Sensor.PendingBundles);
        Assert.True(Sensor.ReceiptedBundleCount >= 1);
        Assert.Equal(Readings, Sensor.DocumentsPurged);
        Assert.Equal(0, _hub.Hub.Store.OpenDatabase("readings").GetInfo().DocCount);
        Assert.True(StoreBytes() < fileBytesBefore, $"the readings' files should shrink: {fileBytesBefore} -> {StoreBytes()}");
        Assert.Equal(0, _carrierA.Statistics().BundlesHeld);
    }

    [Fact]
    public void A_forged_receipt_a_carrier_brings_frees_nothing_on_the_sensor()
    {
        using X509Certificate2 certificateA = Certificate(_phoneA);
        using var sensorHttps = new HttpsContactLink(HttpKeyUrl.Parse(_hub.CompactUrl), certificateA, TimeSpan.FromSeconds(20));
        var sensor = new Peer(_hub.Identity.KeyId, NodeRole.Sensor);
        Assert.True(_carrierA.Visit(sensorHttps, sensor).Completed);
        var everything = new RangeSet();
        everything.AddRange(1, 1000);
        var forger = new SealKey(RandomNumberGenerator.GetBytes(32), _hub.Identity.KeyId, _gatewayIdentity.KeyId);
        _carrierA.Node.TakeReceipt(Receipt.Issue(forger, everything, 800_000_000), sensor);

        ContactReport report = _carrierA.Visit(sensorHttps, sensor);

        Assert.True(report.Completed, report.Reason);
        Assert.True(report.ReceiptsSent >= 1);
        Assert.Equal(0, Sensor.ReceiptedBundleCount);
        Assert.Equal(0, Sensor.DocumentsPurged);
        Assert.Equal(Readings - 1, _hub.Hub.Store.OpenDatabase("readings").GetInfo().DocCount);
    }

    public void Dispose()
    {
        _carrierA.Dispose();
        _carrierB.Dispose();
        _gateway.Dispose();
        _ledger.Dispose();
        _couch.Dispose();
        _hub.Dispose();
        _gatewayIdentity.Dispose();
        _pouch.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Readings, a fifth of them edited once (two-revision histories) and one deleted.</summary>
    private void WriteReadings(Database readings)
    {
        for (int i = 0; i < Readings; i++)
        {
            string id = "reading-" + i.ToString("D3");
            string rev = readings.Put(id, null, Body(i, 21.5));
            if (i % 5 == 0)
            {
                rev = readings.Put(id, rev, Body(i, 22.5));
            }

            _expected[id] = rev;
        }

        _expected["reading-001"] = readings.Delete("reading-001", _expected["reading-001"]);
    }

    private static byte[] Body(int i, double celsius) =>
        Encoding.UTF8.GetBytes($"{{\"sensor\":\"sht3x\",\"celsius\":{celsius},\"timestamp\":{1700000000 + i},\"pad\":\"{new string('x', 40)}\"}}");

    private long StoreBytes() => Directory.EnumerateFiles(Path.Combine(_folder, "sensor"), "*", SearchOption.AllDirectories)
        .Where(path => path.Contains("readings", StringComparison.Ordinal)).Sum(path => new FileInfo(path).Length);

    private JsonNode? Get(string path)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return JsonNode.Parse(http.GetStringAsync(_pouch.Url + path).Result);
    }

    private static X509Certificate2 Certificate(ClientIdentity client) =>
        X509Certificate2.CreateFromPemFile(client.CertificatePath, client.KeyPath);
}
