using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Ble;
using ThaliNano.Client.Field;
using ThaliNano.Client.FieldPairing;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Device;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Firmware.Tests.Mesh;
using ThaliNano.FieldPairing;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Sensors.Tests.Reference;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests.Device;

/// <summary>
/// The device composition every board runs (<see cref="DeviceHub"/>) on host parts: it serves with the profile's limits,
/// samples readings, advertises and rotates its beacon, field-pairs a technician, takes Improv Wi-Fi and answers a mesh contact.
/// </summary>
public sealed class DeviceHubTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly DeviceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void It_serves_the_readings_it_samples_to_its_owner()
    {
        DeviceHub device = _rig.Open();
        DeviceRig.AuthHubClient owner = _rig.PairClient("owner", owner: true);
        device.Start();
        _rig.Sht3x.RawTemperature = Sht3xReference.RawTemperature(23.25);

        Assert.Equal(DeviceHub.BeaconCheckMilliseconds, device.RunDueWork());
        Assert.Equal(1, device.Sampler!.ReadingsWritten);

        Response rows = _rig.Send(owner, "GET", "/readings/_all_docs?include_docs=true");
        rows.AssertStatus(200);
        var row = Assert.Single(rows.Json.GetProperty("rows").EnumerateArray());
        Assert.Equal("dev-1-sht3x-" + DeviceRig.StartUtcSeconds.ToString("D10"), row.GetProperty("id").GetString());
        Assert.Equal(23.25, row.GetProperty("doc").GetProperty("celsius").GetDouble());
        Assert.Equal(100, row.GetProperty("doc").GetProperty("battery").GetInt32());
    }

    [Fact]
    public void Without_a_readings_device_id_the_readings_carry_the_beacons_device_id()
    {
        _rig.Options.ReadingsDeviceId = null;
        DeviceHub device = _rig.Start();

        device.RunDueWork();

        string id = Convert.ToHexStringLower(device.Radio!.DeviceId) + "-sht3x-" + DeviceRig.StartUtcSeconds.ToString("D10");
        Assert.NotNull(device.Hub.Store.OpenDatabase(DeviceHubOptions.ReadingsDatabase).Get(id));
    }

    [Fact]
    public void Sampling_follows_the_duty_cycle_in_uptime()
    {
        DeviceHub device = _rig.Start();
        device.RunDueWork();

        _rig.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, device.Sampler!.ReadingsWritten);
        _rig.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, device.Sampler.ReadingsWritten);

        // At 30 % the interval stretches to 3 minutes (DutyCyclePolicy).
        _rig.Battery.Percent = 30;
        _rig.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(3, device.Sampler.ReadingsWritten);
        _rig.Advance(TimeSpan.FromSeconds(179));
        Assert.Equal(3, device.Sampler.ReadingsWritten);
        _rig.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, device.Sampler.ReadingsWritten);
    }

    [Fact]
    public void The_hub_takes_the_board_profiles_limits()
    {
        BoardProfile profile = BoardProfile.Esp32();
        DeviceHub device = _rig.Start();

        Assert.Equal(profile.HttpConnections, device.Configuration.Http.MaxConnections);
        Assert.Equal(profile.IndexCachePages, device.Hub.StoreOptions.IndexCachePages);
        Assert.Equal(profile.StoreBytes, device.Hub.StoreOptions.MaxStoreBytes);
        Assert.Equal(profile.CompactionReserveBytes, device.Hub.StoreOptions.CompactionReserveBytes);
        Assert.Equal(profile.MaxLeaves, device.Hub.StoreOptions.MaxLeaves);
        Assert.Equal(profile.MeshBundleBytes, _rig.Options.Mesh!.Source.MaxBundleBytes);
        Assert.Equal(profile.MeshOfferBytes, _rig.Options.Mesh.Source.MaxOfferBytes);
        Assert.NotNull(device.Hub.Mesh!.Node);
        Assert.NotNull(device.Radio!.MeshChannel);
        Assert.Equal(1, device.Configuration.Http.MaxRequestsAtOnce);
        Assert.NotNull(device.Hub.Server.Turns);
        Assert.Same(device.Hub.Server.Turns, device.Radio.MeshChannel!.Turns);
    }

    [Fact]
    public void A_large_bundle_profile_raises_the_offer_budget_to_hold_one_bundle()
    {
        using var rig = new DeviceRig(BoardProfile.Esp32S3());
        rig.Start();

        Assert.Equal(16 * 1024, rig.Options.Mesh!.Source.MaxBundleBytes);
        Assert.Equal(16 * 1024, rig.Options.Mesh.Source.MaxOfferBytes);
    }

    [Fact]
    public void It_advertises_a_resolvable_beacon_with_its_pairing_window_open_while_the_label_is_unused()
    {
        _rig.Start(PairingToken.Create(new SystemRandom()));
        _rig.Device!.RunDueWork();

        FieldSighting sighting = Assert.Single(Scan());
        Assert.True(sighting.IsKey(DeviceRig.HubKey));
        Assert.True(sighting.Hints.PairingMode);
        Assert.Equal(1, sighting.Hints.BundlesWaiting);
        Assert.Equal(3, sighting.Hints.BatteryLevel);
    }

    [Fact]
    public void Without_a_field_token_the_pairing_window_stays_closed()
    {
        _rig.Start();
        _rig.Device!.RunDueWork();

        Assert.False(_rig.Device.Radio!.Window.IsOpen);
        Assert.False(Assert.Single(Scan()).Hints.PairingMode);
    }

    [Fact]
    public void The_beacon_rotates_at_each_slot_and_when_its_hints_change_and_only_then()
    {
        DeviceHub device = _rig.Start();
        device.RunDueWork();
        Assert.Equal(1u, device.Radio!.Advertised);

        _rig.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1u, device.Radio.Advertised);

        _rig.Battery.Percent = 40;
        _rig.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2u, device.Radio.Advertised);

        device.Radio.Window.Open();
        _rig.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3u, device.Radio.Advertised);

        // The window closes after 5 minutes; the readings sampled meanwhile leave the hints alone (one bundle waits).
        _rig.Advance(TimeSpan.FromMilliseconds(PairingWindow.DefaultDurationMilliseconds));
        Assert.Equal(4u, device.Radio.Advertised);
        uint slot = _rig.Slot;
        while (_rig.Slot == slot)
        {
            _rig.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(_rig.Slot == slot ? 4u : 5u, device.Radio.Advertised);
        }
    }

    [Fact]
    public void A_beacon_check_that_finds_nothing_new_allocates_under_a_kilobyte()
    {
        DeviceHub device = _rig.Start();
        device.RunDueWork();
        _rig.Clock.RunFor(TimeSpan.FromSeconds(5));
        device.RunDueWork();
        _rig.Clock.RunFor(TimeSpan.FromSeconds(5));
        device.RunDueWork();
        _rig.Clock.RunFor(TimeSpan.FromSeconds(5));

        // At 15 s: a beacon check alone (the caches' release is at 10 s and 20 s).
        long before = GC.GetAllocatedBytesForCurrentThread();
        device.RunDueWork();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1u, device.Radio!.Advertised);
        // Measured 752 bytes on net10.0: SourceNode.BundlesWaiting 512, DocumentStore.UsedBytes' enumerators 208, the hints 32.
        Assert.InRange(allocated, 1, 1024);
    }

    [Fact]
    public void A_technician_field_pairs_and_provisions_wifi_and_is_told_the_new_address()
    {
        PairingToken token = PairingToken.Create(new SystemRandom());
        DeviceHub device = _rig.Start(token);
        device.RunDueWork();
        SimulatedPhone phone = new(_rig);

        FieldPairingResult paired;
        using (FieldConnection connection = FieldConnection.Open(phone.Radio, Assert.Single(Scan(phone)).Address, s_timeout))
        {
            paired = phone.Pair(connection, token, "reader");
            Assert.Contains(DeviceRig.RecordingWifi.NewUrl, connection.ProvisionWifi(DeviceRig.RecordingWifi.Ssid, DeviceRig.RecordingWifi.Password));
        }

        Assert.Equal(DeviceRig.HubUrl, paired.HubUrl);
        Assert.True(device.Registry.IsPaired(phone.KeyId));
        Assert.Equal([DeviceRig.RecordingWifi.Ssid], _rig.Wifi.Joined);
        Assert.Equal(DeviceRig.RecordingWifi.NewUrl, device.Radio!.Target.HubUrl);
        Assert.Null(device.Radio.Tokens.LoadTokenKey());
    }

    [Fact]
    public void It_answers_a_mesh_contact_over_GATT_with_its_sampled_readings()
    {
        DeviceHub device = _rig.Start();
        device.RunDueWork();
        var carrier = new TestCarrier(PublicKeyId.FromHash(SHA256.HashData("carrier"u8)));
        var link = new GattMessageClient(_rig.Medium.AddRadio("carrier", 1, 0).Connect("device"), new Guid(MeshGatt.ServiceUuid),
            new Guid(MeshGatt.RequestUuid), new Guid(MeshGatt.ResponseUuid), MessageFragments.MaxMessageSize, s_timeout);

        ContactReport report = new ContactInitiator(carrier).Run(new GattLink(link), new Peer(DeviceRig.HubKey, NodeRole.Sensor));

        Assert.True(report.Completed, report.Reason);
        Assert.Single(carrier.Held);
        Assert.Equal(2, device.Hub.Mesh!.Node!.Status.CopiesOut);
    }

    [Fact]
    public void A_board_without_BLE_needs_no_radio_and_runs_none()
    {
        BoardProfile profile = BoardProfile.Esp32();
        profile.Ble = false;
        using var rig = new DeviceRig(profile);

        DeviceHub device = rig.Start();

        Assert.Null(device.Radio);
        Assert.Equal(1, device.RunDueWork() > 0 ? device.Sampler!.ReadingsWritten : -1);
    }

    [Fact]
    public void Without_sensors_or_BLE_the_periodic_work_idles()
    {
        BoardProfile profile = BoardProfile.Esp32();
        profile.Ble = false;
        using var rig = new DeviceRig(profile, mesh: false, sensors: false);

        DeviceHub device = rig.Start();

        Assert.Null(device.Sampler);
        Assert.Equal(DeviceHub.CacheReleaseMilliseconds, device.RunDueWork());
    }

    [Fact]
    public void A_BLE_board_without_its_radio_parts_is_refused_before_anything_opens()
    {
        _rig.Options.Advertiser = null;

        var refused = Assert.Throws<ArgumentException>(() => _rig.Open());
        Assert.Contains("runs BLE", refused.Message);
    }

    [Fact]
    public void Sensors_without_a_battery_gauge_are_refused()
    {
        _rig.Options.Battery = null;

        var refused = Assert.Throws<ArgumentException>(() => _rig.Open());
        Assert.Equal("Battery", refused.ParamName);
    }

    [Fact]
    public void A_profile_whose_budgets_contradict_is_refused()
    {
        _rig.Options.Profile!.HttpConnections = 64;

        var refused = Assert.Throws<InvalidOperationException>(() => _rig.Open());
        Assert.Contains("fixed buffers may take at most half", refused.Message);
    }

    [Fact]
    public void Once_started_no_database_holds_what_opening_and_recovery_cached()
    {
        DeviceHub device = _rig.Start();

        string[] names = device.Hub.Store.ListDatabases();
        Assert.Contains(DeviceHubOptions.ReadingsDatabase, names);
        Assert.All(names, name => Assert.Equal(0, device.Hub.Store.OpenDatabase(name).CacheBytes));
        device.RunDueWork();
        Assert.Equal(1, device.Sampler!.ReadingsWritten);
    }

    [Fact]
    public void A_database_left_alone_for_a_whole_release_period_gives_back_its_caches_and_still_serves()
    {
        DeviceHub device = _rig.Open();
        DeviceRig.AuthHubClient owner = _rig.PairClient("owner", owner: true);
        device.Start();
        device.RunDueWork();
        Database readings = device.Hub.Store.OpenDatabase(DeviceHubOptions.ReadingsDatabase);
        Assert.True(readings.CacheBytes > 0);

        // Sampled during the first period (at 0 s): kept at 10 s. Left alone until the next sample (60 s): given back at 20 s.
        _rig.Advance(TimeSpan.FromMilliseconds(DeviceHub.CacheReleaseMilliseconds));
        Assert.True(readings.CacheBytes > 0);
        _rig.Advance(TimeSpan.FromMilliseconds(DeviceHub.CacheReleaseMilliseconds));
        Assert.Equal(0, readings.CacheBytes);

        _rig.Send(owner, "GET", "/readings/_all_docs").AssertStatus(200);
        _rig.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(2, device.Sampler!.ReadingsWritten);
        Response rows = _rig.Send(owner, "GET", "/readings/_all_docs");
        rows.AssertStatus(200);
        Assert.Equal(2, rows.Json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void Run_does_the_due_work_until_Stop_ends_it()
    {
        DeviceHub device = _rig.Start();
        var run = new Thread(device.Run);
        run.Start();
        SpinWait.SpinUntil(() => device.Radio!.Advertised == 1, s_timeout);

        device.Stop();

        Assert.True(run.Join(s_timeout));
        Assert.Equal(1, device.Sampler!.ReadingsWritten);
        Assert.Equal(0, device.RunDueWork());
    }

    [Fact]
    public void Start_twice_and_work_before_start_are_refused()
    {
        DeviceHub device = _rig.Open();
        Assert.Throws<InvalidOperationException>(() => device.RunDueWork());
        device.Start();
        Assert.Throws<InvalidOperationException>(device.Start);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(101, 0)]
    [InlineData(0, 1)]
    [InlineData(19, 1)]
    [InlineData(20, 2)]
    [InlineData(49, 2)]
    [InlineData(50, 3)]
    [InlineData(100, 3)]
    public void The_beacon_reports_the_battery_in_four_levels(int percent, int level) =>
        Assert.Equal(level, DeviceHub.BatteryLevelOf(percent));

    private List<FieldSighting> Scan(SimulatedPhone? phone = null)
    {
        var scanner = new FleetScanner((phone ?? new SimulatedPhone(_rig)).Radio, _rig.Fleet, () => _rig.Slot);
        scanner.Start();
        _rig.Clock.RunFor(TimeSpan.FromSeconds(3));
        scanner.Stop();
        return scanner.Sightings.ToList();
    }

    /// <summary>A technician's phone on the medium, with an RSA leaf certificate (field pairing seals the secret to it).</summary>
    private sealed class SimulatedPhone
    {
        private static int s_count;
        private readonly RSA _key = RSA.Create(2048);

        public SimulatedPhone(DeviceRig rig)
        {
            Radio = rig.Medium.AddRadio("phone-" + Interlocked.Increment(ref s_count), 2, 0);
            var request = new CertificateRequest("CN=technician", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        }

        public Drivers.Host.Ble.SimulatedBleRadio Radio { get; }

        public X509Certificate2 Certificate { get; }

        public PublicKeyId KeyId => PublicKeyId.FromCertificate(Certificate.RawData);

        public FieldPairingResult Pair(FieldConnection connection, PairingToken token, string role) =>
            connection.Pair(token.ToString(), Certificate, _key, role);
    }

    private sealed class GattLink(GattMessageClient client) : IContactLink
    {
        public Stream Exchange(byte[] request) => new MemoryStream(client.Exchange(request));
    }

    private sealed class SystemRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
