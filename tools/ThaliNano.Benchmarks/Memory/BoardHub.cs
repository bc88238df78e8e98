using System.Security.Cryptography;
using ThaliNano.Boards.Host;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.FieldPairing;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;
using ThaliNano.Mesh.Source;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Sensors.Sht3x;
using ThaliNano.Store;
using ThaliNano.Text;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The device composition with one board's configuration, on the host: the pairing registry and the served store on
/// files, the Hub (HTTP, Couch, pairing, status, the mesh sensor) with <see cref="BoardProfile.CreateConfiguration"/>'s
/// limits on a plain TCP listener, the BLE field face (beacon, field pairing and Improv services, the mesh GATT channel)
/// on a <see cref="StandInRadio"/>, and the SHT3x sampler writing the readings database the mesh bundles. What the host
/// adds below the hub (sockets, files, threads) is the runtime's, as NimBLE, lwIP and LittleFS are on the device.
/// </summary>
internal sealed class BoardHub : IDisposable
{
    public const string ReadingsDatabase = "readings";

    private readonly PairingRegistry _registry;
    private readonly PlainTcpListener _listener;
    private readonly StandInRadio _radio = new();
    private readonly BeaconAdvertising _beacon;
    private readonly FieldServices _field;
    private readonly Sampler _sampler;
    private readonly SteppingClock _clock = new();
    private uint _slot = BeaconFormat.SlotAt(1_767_225_600);

    private BoardHub(BoardProfile board, string folder, HubSetup setup)
    {
        _registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(folder, HubSetup.PairingFolder)),
            board.CreateRegistryStoreOptions(), SecureRandom.Instance);
        _listener = new PlainTcpListener();
        HubConfiguration configuration = board.CreateConfiguration();
        configuration.Registry = _registry;
        configuration.HubKeyId = PublicKeyId.ParseBase64Url(setup.HubKeyId);
        configuration.EpochRandom = RandomNumberGenerator.GetBytes(16);
        configuration.Mesh = new MeshOptions
        {
            DestinationKeyId = PublicKeyId.ParseBase64Url(setup.MeshDestination),
            SharedSecret = Base64Url.Decode(setup.MeshSecret),
            Random = SecureRandom.Instance,
            Source = new SourceOptions { MaxBundleBytes = board.MeshBundleBytes },
        };
        Hub = new Hub(configuration, new HostFileStorage(Path.Combine(folder, HubSetup.StoreFolder)), _listener);
        Hub.Start();
        Hub.Couch.SystemWrites.AddToGroup(MeshOptions.CarrierGroup, setup.CarrierKeyId);

        var pairingClock = new TickPairingClock();
        var target = new RegistryPairingTarget(new PrincipalPairing(_registry, Hub.Couch));
        _field = new FieldServices(_radio, new PairingWindow(pairingClock), new FieldTokenStore(_registry), target,
            SecureRandom.Instance, pairingClock, new NoWifi());
        _ = new MeshChannel(_radio, Hub.Mesh);
        byte[] deviceId = BeaconAdvertising.DeviceIdOf(configuration.HubKeyId);
        _beacon = new BeaconAdvertising(_radio, new BeaconEncoder(new FleetKey(Base64Url.Decode(setup.FleetKey)), deviceId), _registry.Boots);

        Database readings = Hub.Store.DatabaseExists(ReadingsDatabase) ? Hub.Store.OpenDatabase(ReadingsDatabase) : Hub.Store.CreateDatabase(ReadingsDatabase);
        var sensor = new Sht3xSource(new Sht3xSensor(new StandInSht3xChannel(), new NoDelay()));
        _sampler = new Sampler(readings, "bench", [sensor], new FullBattery(), new DutyCyclePolicy(60, 10), _clock);
    }

    public Hub Hub { get; }

    public int Port => _listener.Port;

    public int Beacons => _radio.Advertisements;

    public int ReadingsWritten => _sampler.ReadingsWritten;

    public static BoardHub Start(BoardProfile board, string folder) => new(board, folder, HubSetup.Load(folder));

    /// <summary>Advertises the next slot's beacon, with the hints the device computes (pairing window, mesh, storage).</summary>
    public void Advertise()
    {
        _slot++;
        _beacon.Advertise(_slot, MeshBeaconHints.For(Hub.Mesh, Hub.Store, Hub.StoreOptions, _field.Window.IsOpen, 0));
    }

    /// <summary>One sampling cycle a minute later than the last: a reading document, one commit.</summary>
    public void Sample()
    {
        _clock.Step();
        _sampler.RunCycle();
    }

    public void Dispose()
    {
        Hub.Stop();
        _registry.Dispose();
    }
}
