using System.Security.Cryptography;
using System.Text;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Device;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Sensors.Sht3x;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Sensors.Tests.Simulation;
using VirtualClock = ThaliNano.Drivers.Host.Ble.VirtualClock;

namespace ThaliNano.Firmware.Tests.Device;

/// <summary>
/// One device as a board composes it, on host parts: the store and registry on temporary folders, an in-memory listener,
/// a radio on the simulated BLE medium (virtual time: the uptime and UTC clocks follow it), a simulated SHT3x on a
/// simulated I2C bus, a battery gauge, and a mesh destination. Nothing sleeps: <see cref="Advance"/> moves time.
/// </summary>
internal sealed class DeviceRig : IDisposable
{
    /// <summary>2027-01-15T08:00:00Z: the UTC clock at virtual time zero.</summary>
    public const uint StartUtcSeconds = 1_800_000_000;

    public static readonly PublicKeyId HubKey = PublicKeyId.FromHash(SHA256.HashData("the device's certificate key"u8));
    public static readonly string HubUrl = HttpKeyUrl.Create("192.168.4.20", 6985, HubKey, "").ToString();

    private readonly string _folder = Directory.CreateTempSubdirectory("thali-device-").FullName;

    public DeviceRig(BoardProfile? profile = null, bool mesh = true, bool sensors = true)
    {
        Profile = profile ?? BoardProfile.Esp32();
        Medium = new SimulatedBleMedium(Clock, new BleMediumOptions());
        Radio = Medium.AddRadio("device", 0, 0);
        Sht3x = new SimulatedSht3x(SensorTime);
        Bus.Attach(0x44, Sht3x);
        Options = new DeviceHubOptions
        {
            Profile = Profile,
            StoreStorage = new HostFileStorage(Path.Combine(_folder, "store")),
            RegistryStorage = new HostFileStorage(Path.Combine(_folder, "pairing")),
            Listener = Listener,
            HubKeyId = HubKey,
            Random = new SecureRandom(),
            Uptime = new Uptime(Clock),
            Clock = new UtcClock(Clock),
            HubUrls = [HubUrl],
            Advertiser = Profile.Ble ? Radio : null,
            Gatt = Profile.Ble ? Radio : null,
            FleetKey = Profile.Ble ? Fleet : null,
            Wifi = Profile.Ble ? Wifi : null,
            Battery = Battery,
            ReadingsDeviceId = sensors ? "dev-1" : null,
            Sensors = sensors ? [new Sht3xSource(new Sht3xSensor(Bus.Channel(0x44), SensorTime))] : null,
            Mesh = mesh
                ? new MeshOptions
                {
                    DestinationKeyId = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)),
                    SharedSecret = RandomNumberGenerator.GetBytes(32),
                    Random = new SecureRandom(),
                }
                : null,
        };
    }

    public BoardProfile Profile { get; }

    public VirtualClock Clock { get; } = new();

    public SimulatedBleMedium Medium { get; }

    public SimulatedBleRadio Radio { get; }

    public QueueListener Listener { get; } = new();

    public FleetKey Fleet { get; } = new(RandomNumberGenerator.GetBytes(32));

    public RecordingWifi Wifi { get; } = new();

    public SimulatedBattery Battery { get; } = new();

    public SimulatedI2cBus Bus { get; } = new();

    /// <summary>The sensor's own conversion time (its driver waits on it).</summary>
    public Sensors.Tests.Simulation.VirtualClock SensorTime { get; } = new();

    public SimulatedSht3x Sht3x { get; }

    public DeviceHubOptions Options { get; }

    public DeviceHub? Device { get; private set; }

    public uint Slot => BeaconFormat.SlotAt(StartUtcSeconds + (long)Clock.Now.TotalSeconds);

    /// <summary>Opens the device (its registry) without starting it.</summary>
    public DeviceHub Open() => Device = new DeviceHub(Options);

    /// <summary>Opens and starts the device, with a field token provisioned when <paramref name="token"/> is set.</summary>
    public DeviceHub Start(PairingToken? token = null)
    {
        DeviceHub device = Open();
        if (token != null)
        {
            new Field.FieldTokenStore(device.Registry).Provision(token);
        }

        device.Start();
        return device;
    }

    /// <summary>Moves virtual time on (the medium's events run) and lets the device do what became due.</summary>
    public int Advance(TimeSpan duration)
    {
        Clock.RunFor(duration);
        return Device!.RunDueWork();
    }

    /// <summary>Pairs a client key as owner or member straight in the registry (as /_pairing would).</summary>
    public AuthHubClient PairClient(string name, bool owner)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = Drivers.Host.Tls.HubIdentity.CreateSelfSigned(key, "CN=" + name);
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        return new AuthHubClient(Device!.Registry.Pair(certificate.RawData, secret, owner), secret);
    }

    /// <summary>Sends one request signed by <paramref name="client"/> over a fresh in-memory connection (no transport key: the ESP32).</summary>
    public Response Send(AuthHubClient client, string method, string target, string body = "")
    {
        byte[] content = Encoding.UTF8.GetBytes(body);
        string authorization = ThaliKeyProof.CreateHeader(client.Key, client.Secret, HubKey, Device!.Hub.Epoch, client.NextCounter(), method, target,
            ThaliKeyProof.DigestOfBody(content, 0, content.Length));
        string head = method + " " + target + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\nContent-Type: application/json\r\nAuthorization: "
            + authorization + "\r\nContent-Length: " + content.Length + "\r\n\r\n";
        var connection = new ClientConnection([.. Encoding.ASCII.GetBytes(head), .. content], null);
        Listener.Enqueue(connection);
        Assert.True(connection.WaitClosed(TimeSpan.FromSeconds(30)), "no response to " + method + " " + target);
        return Response.Parse(connection.Written, false);
    }

    public void Dispose()
    {
        Device?.Stop();
        Directory.Delete(_folder, recursive: true);
    }

    internal sealed class AuthHubClient(PublicKeyId key, byte[] secret)
    {
        private long _counter;

        public PublicKeyId Key => key;

        public byte[] Secret => secret;

        public long NextCounter() => Interlocked.Increment(ref _counter);
    }

    /// <summary>Improv's Wi-Fi: joins "plant" with the right password and answers with the hub's URL there.</summary>
    internal sealed class RecordingWifi : IWifiConnector
    {
        public const string Ssid = "plant";
        public const string Password = "correct horse";
        public static readonly string NewUrl = HttpKeyUrl.Create("10.0.0.7", 6985, HubKey, "").ToString();

        public List<string> Joined { get; } = new();

        public string? Connect(string ssid, string password)
        {
            if (ssid != Ssid || password != Password)
            {
                return null;
            }

            Joined.Add(ssid);
            return NewUrl;
        }
    }

    private sealed class Uptime(VirtualClock clock) : IPairingClock
    {
        public long NowMilliseconds => (long)clock.Now.TotalMilliseconds;
    }

    private sealed class UtcClock(VirtualClock clock) : Store.IClock
    {
        public uint UtcSeconds => StartUtcSeconds + (uint)clock.Now.TotalSeconds;
    }

    private sealed class SecureRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
