using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThaliNano.Boards.Host;
using ThaliNano.Boards.Host.Field;
using ThaliNano.Cli.Site;
using ThaliNano.Client.Exchange;
using ThaliNano.Client.Field;
using ThaliNano.Client.FieldPairing;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Gateway;
using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Keys;
using ThaliNano.Gateway.Ledger;
using ThaliNano.Gateway.Server;
using ThaliNano.Identity;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;
using ThaliNano.Tests.Interop;
using ThaliNano.Text;

namespace ThaliNano.Cli.Tests;

/// <summary>
/// The issue's "done when": <c>thalinano provision</c> (with a gateway) → <c>thalinano flash</c> with a stand-in nanoff →
/// a host board started from the provisioned folder serves (TLS with the label's key), pairs (a technician's phone
/// field-pairs over the simulated BLE medium with the label's token, once) and relays (a carrier takes the readings to
/// the gateway provision shared the seal key with, which writes them into pouchdb-server; the receipt frees them).
/// </summary>
public sealed class ProvisionedDeviceEndToEndTests : IDisposable
{
    private const int Readings = 20;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly string _root = Directory.CreateTempSubdirectory("thali-provisioned-e2e-").FullName;
    private readonly VirtualClock _clock = new();
    private readonly SimulatedBleMedium _medium;
    private readonly SimulatedBleRadio _phone;

    public ProvisionedDeviceEndToEndTests()
    {
        _medium = new SimulatedBleMedium(_clock, new BleMediumOptions());
        _phone = _medium.AddRadio("technician-phone", 3, 0, null);
    }

    private string Device => Path.Combine(_root, "device");

    private string GatewayFolder => Path.Combine(_root, "gateway");

    private string PhoneFolder => Path.Combine(_root, "phone");

    private string FieldTokenFile => Path.Combine(Device, ProvisionedDevice.FieldTokenFileName);

    private uint Slot => BeaconFormat.SlotAt(1_800_000_000 + (long)_clock.Now.TotalSeconds);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_provisioned_and_flashed_device_serves_pairs_and_relays()
    {
        PublicKeyId gatewayKey = CreateGatewayIdentity();
        CliRun.Of("provision", "--board", "esp32", "--out", Device, "--name", "boiler-7", "--gateway", GatewayFolder).Ok();
        AssertFlashDeploys(Device, "fleet.key", "fieldtoken.key", "mesh.secret", "device.json", Path.Combine("identity", "hub.cert.pem"), Path.Combine("identity", "hub.key.pem"));
        (string token, string deviceId) = SensorLabel.Read(Path.Combine(Device, "label.txt"));

        using HostHub hub = HostHub.Open(Device);
        Assert.True(hub.Provisioned!.ImportedFieldToken);
        Assert.False(File.Exists(FieldTokenFile));
        Assert.Equal(gatewayKey, hub.Provisioned.Mesh!.DestinationKeyId);
        hub.Serve(0, mesh: hub.Provisioned.Mesh);

        // Serves: the key the label names.
        Assert.Equal(IdentityCard.Parse(File.ReadAllText(Path.Combine(Device, "label.txt")).TrimEnd('\n')).Url.KeyId, ServedKey(hub.Port));

        // Pairs: the technician's phone (a carrier) finds the device by its beacon and pairs with the label's token.
        FieldRadio field = StartRadio(hub);
        Assert.Equal(deviceId, field.DeviceId);
        string carrierId = CliRun.Of("carrier", "init", "--data", PhoneFolder).Ok().Output.Split('\n')[0]["carrier ".Length..].Trim();
        using X509Certificate2 phone = X509Certificate2.CreateFromPemFile(Path.Combine(PhoneFolder, "identity", "hub.cert.pem"), Path.Combine(PhoneFolder, "identity", "hub.key.pem"));
        FieldPairingResult paired = Pair(Find(deviceId), token, phone, "group:carriers");
        Assert.Equal(carrierId, paired.KeyId);
        Assert.StartsWith("HTTP/1.1 200", Get(hub, phone, "/"));

        ClientIdentity second = ClientIdentity.Create(Path.Combine(_root, "clients"), "second");
        using X509Certificate2 secondCertificate = X509Certificate2.CreateFromPemFile(second.CertificatePath, second.KeyPath);
        Assert.Throws<FieldPairingException>(() => Pair(Find(deviceId), token, secondCertificate, "reader"));
        Assert.False(hub.Registry.IsPaired(second.KeyId));

        // Relays: readings go through the carrier to the gateway and pouchdb-server; the receipt frees them.
        Dictionary<string, string> written = WriteReadings(hub.Hub.Store.CreateDatabase("readings"));
        CliRun.Of("gateway", "allow", "--data", GatewayFolder, "--carrier", carrierId).Ok();
        using var pouch = new PouchDbServer();
        using (var gateway = new ServedGateway(GatewayFolder, pouch.Url))
        {
            SourceStatus sensor = hub.Hub.Mesh!.Node!.Status;
            for (int round = 0; round < 5 && hub.Hub.Store.OpenDatabase("readings").GetInfo().DocCount > 0; round++)
            {
                Visit(hub.CompactUrl, "sensor");
                Visit(gateway.Url, "gateway");
                Visit(hub.CompactUrl, "sensor");
            }

            Assert.Equal(0, hub.Hub.Store.OpenDatabase("readings").GetInfo().DocCount);
            Assert.Equal(Readings, hub.Hub.Mesh!.Node!.Status.DocumentsPurged);
            Assert.True(hub.Hub.Mesh!.Node!.Status.ReceiptedBundleCount >= 1);
            Assert.Equal(0, hub.Hub.Mesh!.Node!.Status.PendingBundles);
        }

        foreach ((string id, string rev) in written)
        {
            Assert.Equal(rev, PouchGet(pouch, "/readings/" + id)!["_rev"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_verifier_file_is_gone_after_the_first_start_and_the_label_token_still_pairs_after_a_restart()
    {
        CliRun.Of("provision", "--board", "esp32-c3", "--out", Device).Ok();
        (string token, string deviceId) = SensorLabel.Read(Path.Combine(Device, "label.txt"));
        using (HostHub first = HostHub.Open(Device))
        {
            Assert.True(first.Provisioned!.ImportedFieldToken);
            Assert.Null(first.Provisioned.Mesh);
        }

        Assert.False(File.Exists(FieldTokenFile));
        using HostHub hub = HostHub.Open(Device);
        Assert.False(hub.Provisioned!.ImportedFieldToken);
        hub.Serve(0);
        StartRadio(hub);
        ClientIdentity technician = ClientIdentity.Create(Path.Combine(_root, "clients"), "technician");
        using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(technician.CertificatePath, technician.KeyPath);

        Assert.Equal(technician.Principal, Pair(Find(deviceId), token, certificate, "reader").KeyId);
        Assert.StartsWith("HTTP/1.1 200", Get(hub, certificate, "/"));
    }

    [Fact]
    public void A_configuration_of_another_hub_or_a_bad_key_file_is_refused_and_the_token_stays_unimported()
    {
        CliRun.Of("provision", "--board", "esp32", "--out", Device).Ok();
        string other = Path.Combine(_root, "other");
        CliRun.Of("provision", "--board", "esp32", "--out", other).Ok();
        byte[] ours = File.ReadAllBytes(Path.Combine(Device, "device.json"));
        File.Copy(Path.Combine(other, "device.json"), Path.Combine(Device, "device.json"), overwrite: true);

        string foreign = Assert.Throws<FormatException>(() => HostHub.Open(Device)).Message;
        Assert.Contains("not this device's configuration", foreign);

        File.WriteAllBytes(Path.Combine(Device, "device.json"), ours);
        string fleet = Path.Combine(Device, "fleet.key");
        File.WriteAllText(fleet, Base64Url.Encode(new byte[20]));
        string badKey = Assert.Throws<FormatException>(() => HostHub.Open(Device)).Message;
        Assert.Contains("the fleet key file " + fleet + " holds 20 bytes", badKey);

        Assert.True(File.Exists(FieldTokenFile));
        File.WriteAllText(fleet, Base64Url.Encode(new byte[16]));
        using HostHub hub = HostHub.Open(Device);
        Assert.True(hub.Provisioned!.ImportedFieldToken);
    }

    private PublicKeyId CreateGatewayIdentity()
    {
        using HubIdentity gateway = HubIdentity.LoadOrCreate(GatewayFolder);
        return gateway.KeyId;
    }

    /// <summary>Flashes the folder with a stand-in nanoff; its deployment list must carry exactly these files, by their device paths.</summary>
    private void AssertFlashDeploys(string folder, params string[] files)
    {
        var nanoff = new StandInNanoff(Path.Combine(_root, "bin"));
        CliRun.Of("flash", "--board", "esp32", "--port", "/dev/ttyUSB0", "--provisioned", folder, "--nanoff", nanoff.Path).Ok();

        string deploy = Path.Combine(folder, "deploy.json");
        Assert.Equal(["--target", "ESP32_BLE_REV0", "--serialport", "/dev/ttyUSB0", "--filedeployment", deploy], nanoff.Calls()[1]);
        using JsonDocument list = JsonDocument.Parse(File.ReadAllText(deploy));
        Dictionary<string, string> deployed = list.RootElement.GetProperty("files").EnumerateArray().ToDictionary(
            f => f.GetProperty("SourceFilePath").GetString()!, f => f.GetProperty("DestinationFilePath").GetString()!);
        Assert.Equal(files.Select(f => Path.Combine(folder, f)).Order(), deployed.Keys.Order());
        Assert.Equal(@"I:\thali-provision\fieldtoken.key", deployed[FieldTokenFile]);
        Assert.Equal(@"I:\thali-config\device.json", deployed[Path.Combine(folder, "device.json")]);
    }

    private FieldRadio StartRadio(HostHub hub)
    {
        SimulatedBleRadio radio = _medium.AddRadio("sensor", 0, 0, null);
        var field = new FieldRadio(hub, radio, radio, new VirtualPairingClock(_clock), new StandInWifi(new Dictionary<string, string>(), () => hub.CompactUrl));
        field.Window.Open();
        field.Advertise(Slot);
        return field;
    }

    /// <summary>The phone scans with the fleet key the device was provisioned with; returns the device's address.</summary>
    private string Find(string deviceId)
    {
        var fleet = new FleetKey(Base64Url.Decode(File.ReadAllText(Path.Combine(Device, "fleet.key")).Trim()));
        using var scanner = new FleetScanner(_phone, fleet, () => Slot);
        scanner.Start();
        _clock.RunFor(TimeSpan.FromSeconds(3));
        scanner.Stop();
        return Assert.Single(scanner.Sightings, s => s.DeviceId == deviceId).Address;
    }

    private FieldPairingResult Pair(string address, string token, X509Certificate2 certificate, string role)
    {
        using FieldConnection connection = FieldConnection.Open(_phone, address, s_timeout);
        using RSA key = certificate.GetRSAPrivateKey()!;
        return connection.Pair(token, certificate, key, role);
    }

    private void Visit(string peer, string role)
    {
        using JsonDocument report = JsonDocument.Parse(CliRun.Of("carrier", "visit", "--data", PhoneFolder, "--peer", peer, "--role", role, "--json").Ok().Output);
        Assert.True(report.RootElement.GetProperty("completed").GetBoolean(), report.RootElement.ToString());
    }

    private static Dictionary<string, string> WriteReadings(Database readings)
    {
        var written = new Dictionary<string, string>();
        for (int i = 0; i < Readings; i++)
        {
            string id = "reading-" + i.ToString("D2");
            written[id] = readings.Put(id, null, Encoding.UTF8.GetBytes($"{{\"sensor\":\"sht3x\",\"celsius\":{20 + i * 0.1:F1},\"timestamp\":{1_700_000_000 + i}}}"));
        }

        return written;
    }

    private static PublicKeyId? ServedKey(int port)
    {
        using var tcp = new TcpClient();
        tcp.Connect(IPAddress.Loopback, port);
        PublicKeyId? served = null;
        using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = PublicKeyId.FromCertificate(certificate!.GetRawCertData());
            return true;
        });
        tls.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });
        return served;
    }

    /// <summary>One GET over mutual TLS pinning the hub's key; returns the whole response.</summary>
    private static string Get(HostHub hub, X509Certificate2 client, string path)
    {
        using SslStream tls = PinnedTlsClient.Connect(HttpKeyUrl.Parse(hub.CompactUrl), client);
        tls.Write(Encoding.ASCII.GetBytes("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(tls, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static JsonNode? PouchGet(PouchDbServer pouch, string path)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(http.GetStringAsync(pouch.Url + path).Result);
    }

    /// <summary>The gateway of a folder as <c>thalinano gateway serve</c> composes it, in this process, on a free port.</summary>
    private sealed class ServedGateway : IDisposable
    {
        private readonly HubIdentity _identity;
        private readonly CouchWriter _writer;
        private readonly DeliveryLedger _ledger;
        private readonly GatewayServer _server;

        public ServedGateway(string folder, string couchUrl)
        {
            _identity = HubIdentity.LoadOrCreate(folder);
            _writer = new CouchWriter(CouchDestination.FromUrl(couchUrl));
            _ledger = DeliveryLedger.Open(Path.Combine(folder, "delivered.sqlite"));
            _server = GatewayServer.Start(new GatewayNode(GatewayKeyring.Load(Path.Combine(folder, "keys"), _identity.KeyId), _writer, _ledger),
                new GatewayServerOptions { Certificate = _identity.Certificate, Carriers = new CarrierAllowList(Path.Combine(folder, "carriers")) });
        }

        public string Url => HttpKeyUrl.Create("127.0.0.1", _server.Port, _identity.KeyId, "/").ToCompactString();

        public void Dispose()
        {
            _server.Dispose();
            _ledger.Dispose();
            _writer.Dispose();
            _identity.Dispose();
        }
    }
}
