using System.Security.Cryptography;
using ThaliNano.Ble;
using ThaliNano.Boards.Host.Field;
using ThaliNano.Client.Field;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Boards.Host.Tests.Field;

/// <summary>A host-board hub run as a mesh sensor with its BLE face: the beacon says bundles wait, the GATT mesh channel answers.</summary>
public sealed class MeshFieldTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-mesh-field-").FullName;
    private readonly VirtualClock _clock = new();
    private readonly FleetKey _fleet = new(RandomNumberGenerator.GetBytes(32));
    private readonly HostHub _hub;
    private readonly SimulatedBleMedium _medium;
    private readonly FieldRadio _field;

    public MeshFieldTests()
    {
        _hub = HostHub.Open(Path.Combine(_folder, "hub-data"));
        _hub.Serve(0, mesh: new MeshOptions
        {
            DestinationKeyId = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)),
            SharedSecret = RandomNumberGenerator.GetBytes(32),
            Random = SecureRandom.Instance,
        });
        _medium = new SimulatedBleMedium(_clock, new BleMediumOptions());
        SimulatedBleRadio radio = _medium.AddRadio("sensor", 0, 0, null);
        _field = new FieldRadio(_hub, radio, radio, _fleet, new VirtualPairingClock(_clock), new StandInWifi(new Dictionary<string, string>(), () => _hub.CompactUrl));
    }

    private uint Slot => BeaconFormat.SlotAt(1_800_000_000 + (long)_clock.Now.TotalSeconds);

    [Fact]
    public void The_beacon_tells_passing_phones_that_readings_wait()
    {
        Assert.Equal(0, Scan().Hints.BundlesWaiting);
        _hub.Hub.Store.CreateDatabase("readings").Put("r1", null, "{\"t\":21.5}"u8.ToArray());

        Assert.Equal(1, Scan().Hints.BundlesWaiting);
    }

    [Fact]
    public void The_mesh_contact_service_answers_over_GATT_beside_field_pairing()
    {
        _field.Advertise(Slot);
        var phone = new GattMessageClient(_medium.AddRadio("phone", 1, 0, null).Connect("sensor"), new Guid(MeshGatt.ServiceUuid),
            new Guid(MeshGatt.RequestUuid), new Guid(MeshGatt.ResponseUuid), MessageFragments.MaxMessageSize, TimeSpan.FromSeconds(5));

        byte[] reply = phone.Exchange("not a frame"u8.ToArray());

        Assert.Equal(ContactResponder.RefusalFrame(ContactRefusal.Malformed, _hub.Hub.Mesh!.LastReport!.Reason), reply);
    }

    public void Dispose()
    {
        _hub.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private FieldSighting Scan()
    {
        _field.Advertise(Slot);
        var scanner = new FleetScanner(_medium.AddRadio("scanner-" + Guid.NewGuid().ToString("N"), 2, 0, null), _fleet, () => Slot);
        scanner.Start();
        _clock.RunFor(TimeSpan.FromSeconds(3));
        scanner.Stop();
        return Assert.Single(scanner.Sightings);
    }
}
