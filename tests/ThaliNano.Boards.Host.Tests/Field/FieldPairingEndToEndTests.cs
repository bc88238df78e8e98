using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ThaliNano.Ble;
using ThaliNano.Client.Field;
using ThaliNano.Client.FieldPairing;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.FieldPairing;
using ThaliNano.Identity;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Field;

/// <summary>
/// The whole field story on the simulated medium with real hubs: a technician's phone discovers two sensors by their
/// private beacons, pairs with one over GATT with the token from its label, provisions its Wi-Fi with Improv, and then
/// replicates with it over mutual TLS (PouchDB 9) under the identity it just paired. Refusals change nothing.
/// </summary>
public sealed class FieldPairingEndToEndTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly FieldSite _site = new(sensors: 2);

    public void Dispose() => _site.Dispose();

    [Fact]
    public void A_technician_discovers_pairs_provisions_and_replicates()
    {
        FleetScanner scan = _site.Scan(TimeSpan.FromSeconds(3));
        Assert.Equal(_site.Sensors.Select(s => s.Field.DeviceId).Order(), scan.Sightings.Select(s => s.DeviceId));
        Assert.All(scan.Sightings, s => Assert.True(s.Hints.PairingMode));

        FieldSite.Sensor sensor = _site.Sensors[1];
        FieldSighting sighting = scan.Sightings.Single(s => s.IsKey(sensor.Hub.Board.Identity.KeyId));
        ClientIdentity technician = ClientIdentity.Create(sensor.Hub.ClientsFolder, "technician");
        FieldPairingResult paired;
        IReadOnlyList<string> urls;
        using (FieldConnection connection = FieldConnection.Open(_site.Phone, sighting.Address, s_timeout))
        {
            paired = Pair(connection, sensor.Token.ToString(), technician, "writer");
            urls = connection.ProvisionWifi(FieldSite.Ssid, FieldSite.WifiPassword);
        }

        Assert.Equal(technician.Principal, paired.KeyId);
        Assert.Equal(sensor.Hub.Url, paired.HubUrl);
        Assert.Contains(sensor.Hub.Url, urls);
        Assert.Equal(new[] { FieldSite.Ssid }, sensor.Wifi.Joined);
        Assert.True(sensor.Hub.Board.Registry.IsPaired(technician.KeyId));
        Assert.False(_site.Sensors[0].Hub.Board.Registry.IsPaired(technician.KeyId));

        // The owner lets writers write "readings"; the technician's new identity replicates into it over mTLS.
        RunAs(sensor.Hub, sensor.Hub.Owner,
            new { op = "request", db = "hub", method = "PUT", path = "/readings", body = (object?)null },
            new { op = "request", db = "hub", method = "PUT", path = "/_thali/acl:readings", body = new { read = new[] { "group:writers" }, write = new[] { "group:writers" } } });
        JsonArray r = RunAs(sensor.Hub, technician,
            new { op = "generate", db = "local:field", count = 25, prefix = "reading-" },
            new { op = "replicate", from = "local:field", to = "hub:readings" },
            new { op = "allDocs", db = "hub:readings" });
        Assert.Equal(25, r[1]!["docs_written"]!.GetValue<int>());
        Assert.Equal(25, r[2]!["rows"]!.AsArray().Count);
        Assert.Contains(sensor.Hub.Log.Entries, e => e.Principal == technician.Principal && e.Target.StartsWith("/readings/_bulk_docs") && e.Status == 201);
    }

    [Fact]
    public void A_wrong_token_an_expired_window_a_used_token_and_garbage_change_nothing()
    {
        FieldSite.Sensor sensor = _site.Sensors[0];
        string address = _site.Scan(TimeSpan.FromSeconds(3)).Sightings.Single(s => s.DeviceId == sensor.Field.DeviceId).Address;
        ClientIdentity technician = ClientIdentity.Create(sensor.Hub.ClientsFolder, "technician");
        string wrongToken = PairingToken.Create(new SystemRandom()).ToString();

        using (FieldConnection connection = FieldConnection.Open(_site.Phone, address, s_timeout))
        {
            var wrong = Assert.Throws<FieldPairingException>(() => Pair(connection, wrongToken, technician, "writer"));
            Assert.Contains("token", wrong.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Throws<ImprovException>(() => connection.ProvisionWifi(FieldSite.Ssid, FieldSite.WifiPassword));
        }

        // Garbage on the pairing channel gets an error reply; the device keeps serving.
        IGattClient raw = _site.Phone.Connect(address);
        var channel = new GattMessageClient(raw, new Guid(FieldPairingGatt.ServiceUuid), new Guid(FieldPairingGatt.RequestUuid),
            new Guid(FieldPairingGatt.ResponseUuid), FieldPairingGatt.MaxReplyBytes, s_timeout);
        byte[] reply = channel.Exchange(RandomNumberGenerator.GetBytes(40));
        Assert.NotEmpty(reply);
        Assert.Throws<BleException>(() => channel.Exchange(new byte[FieldPairingGatt.MaxRequestBytes + 1]));
        raw.Disconnect();

        _site.Clock.RunFor(TimeSpan.FromMilliseconds(PairingWindow.DefaultDurationMilliseconds + 1));
        using (FieldConnection connection = FieldConnection.Open(_site.Phone, address, s_timeout))
        {
            Assert.Throws<FieldPairingException>(() => Pair(connection, sensor.Token.ToString(), technician, "writer"));
        }

        Assert.False(sensor.Hub.Board.Registry.IsPaired(technician.KeyId));
        Assert.Empty(sensor.Wifi.Joined);

        sensor.Field.Window.Open();
        using (FieldConnection connection = FieldConnection.Open(_site.Phone, address, s_timeout))
        {
            Pair(connection, sensor.Token.ToString(), technician, "reader");
        }

        ClientIdentity second = ClientIdentity.Create(sensor.Hub.ClientsFolder, "second");
        using (FieldConnection connection = FieldConnection.Open(_site.Phone, address, s_timeout))
        {
            Assert.Throws<FieldPairingException>(() => Pair(connection, sensor.Token.ToString(), second, "reader"));
        }

        Assert.True(sensor.Hub.Board.Registry.IsPaired(technician.KeyId));
        Assert.False(sensor.Hub.Board.Registry.IsPaired(second.KeyId));
    }

    [Fact]
    public void Beacons_of_another_fleet_and_stale_replays_are_ignored()
    {
        FleetScanner stranger = _site.Scan(TimeSpan.FromSeconds(3), new FleetKey(RandomNumberGenerator.GetBytes(32)));
        Assert.Empty(stranger.Sightings);
        Assert.True(stranger.Ignored > 0);

        SimulatedBleRadio replayer = _site.Medium.AddRadio("replayer", 6, 3);
        byte[] old = new BeaconEncoder(_site.Fleet, new byte[8]).Encode(_site.Slot - 5, 1, new BeaconHints(0, 0, true, 0));
        replayer.StartRaw(new BleAdvertisement(BeaconFormat.TestCompanyId, old, null, null).Encode(true));
        FleetScanner scan = _site.Scan(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(scan.Sightings, s => s.DeviceId == "0000000000000000");
        Assert.Equal(_site.Sensors.Count, scan.Sightings.Count);
    }

    [Fact]
    public void Admin_rights_are_not_granted_in_the_field()
    {
        FieldSite.Sensor sensor = _site.Sensors[0];
        string address = _site.Scan(TimeSpan.FromSeconds(3)).Sightings.Single(s => s.DeviceId == sensor.Field.DeviceId).Address;
        ClientIdentity technician = ClientIdentity.Create(sensor.Hub.ClientsFolder, "technician");
        using FieldConnection connection = FieldConnection.Open(_site.Phone, address, s_timeout);
        var refused = Assert.Throws<FieldPairingException>(() => Pair(connection, sensor.Token.ToString(), technician, "admin"));
        Assert.Contains("admin", refused.Message);
        Assert.False(sensor.Hub.Board.Registry.IsPaired(technician.KeyId));
    }

    private static FieldPairingResult Pair(FieldConnection connection, string token, ClientIdentity who, string role)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(who.CertificatePath, who.KeyPath);
        using RSA key = certificate.GetRSAPrivateKey()!;
        return connection.Pair(token, certificate, key, role);
    }

    private static JsonArray RunAs(Interop.TestHub hub, ClientIdentity client, params object[] steps) =>
        NodePeers.RunScript("pouch-steps.js", hub.Steps(client, steps), TimeSpan.FromSeconds(25))["results"]!.AsArray();

    /// <summary>A token the device never issued, drawn like a real one.</summary>
    private sealed class SystemRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
