using ThaliNano.Boards.Host;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Device;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Source;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Sensors.Sht3x;
using ThaliNano.Text;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The device composition the ESP32 Program runs (<see cref="DeviceHub"/>) with one board's profile, on the host: the
/// pairing registry and the served store on files, the hub on a plain TCP listener, the BLE face on a
/// <see cref="StandInRadio"/>, the mesh sensor, and an SHT3x sampled into the readings database. What the host adds
/// below it (sockets, files, threads) stands where lwIP, LittleFS and NimBLE are on the device. The periodic work runs
/// in virtual time: every <see cref="Tick"/> is five seconds of uptime and a minute of UTC, so each tick samples and
/// checks the beacon (a new slot every 15 ticks, a new advertisement whenever the hints change).
/// </summary>
internal sealed class BoardHub : IDisposable
{
    private const int TickMilliseconds = 5000;

    /// <summary>Ticks after which every database left alone meanwhile has given back its caches (two release periods and one).</summary>
    public const int RestTicks = (2 * DeviceHub.CacheReleaseMilliseconds / TickMilliseconds) + 1;

    private int _ticks;

    private readonly DeviceHub _device;
    private readonly PlainTcpListener _listener = new();
    private readonly VirtualUptime _uptime = new();
    private readonly SteppingClock _clock = new();

    private BoardHub(BoardProfile board, string folder, HubSetup setup)
    {
        _device = new DeviceHub(new DeviceHubOptions
        {
            Profile = board,
            StoreStorage = new HostFileStorage(Path.Combine(folder, HubSetup.StoreFolder)),
            RegistryStorage = new HostFileStorage(Path.Combine(folder, HubSetup.PairingFolder)),
            Listener = _listener,
            HubKeyId = PublicKeyId.ParseBase64Url(setup.HubKeyId),
            Random = SecureRandom.Instance,
            Uptime = _uptime,
            Clock = _clock,
            Advertiser = Radio,
            Gatt = Radio,
            FleetKey = new FleetKey(Base64Url.Decode(setup.FleetKey)),
            Wifi = new NoWifi(),
            Mesh = new MeshOptions
            {
                DestinationKeyId = PublicKeyId.ParseBase64Url(setup.MeshDestination),
                SharedSecret = Base64Url.Decode(setup.MeshSecret),
                Random = SecureRandom.Instance,
                Source = new SourceOptions(),
            },
            Sensors = [new Sht3xSource(new Sht3xSensor(new StandInSht3xChannel(), new NoDelay()))],
            Battery = new FullBattery(),
            SamplingSeconds = TickMilliseconds / 1000,
        });
        _device.Start();
        _device.Hub.Couch.SystemWrites.AddToGroup(MeshOptions.CarrierGroup, setup.CarrierKeyId);
    }

    public StandInRadio Radio { get; } = new();

    public DeviceHub Device => _device;

    public int Port => _listener.Port;

    public static BoardHub Start(BoardProfile board, string folder) => new(board, folder, HubSetup.Load(folder));

    /// <summary>Ticks done so far.</summary>
    public int Ticks => Volatile.Read(ref _ticks);

    /// <summary>
    /// Five seconds of uptime and a minute of UTC later: the due periodic work (a sampling cycle, the beacon check, every
    /// other tick the idle databases' caches given back).
    /// </summary>
    public void Tick()
    {
        _uptime.Advance(TickMilliseconds);
        _clock.Step();
        _device.RunDueWork();
        Interlocked.Increment(ref _ticks);
    }

    public void Dispose() => _device.Stop();
}
