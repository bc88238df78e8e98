using ThaliNano.Ble;
using ThaliNano.Discovery;

namespace ThaliNano.Client.Field;

/// <summary>
/// Listens to a BLE scanner and keeps what the fleet's beacons say: one <see cref="FieldSighting"/> per device (its
/// latest address, signal and hints), resolved with the fleet key. Advertisements that are not beacons of this fleet
/// (other devices, other fleets, replays, garbage) are counted and otherwise ignored. Thread-safe.
/// </summary>
public sealed class FleetScanner : IDisposable
{
    private readonly IBleScanner _scanner;
    private readonly BeaconResolver _resolver;
    private readonly Func<uint> _currentSlot;
    private readonly Dictionary<string, FieldSighting> _sightings = new();
    private int _ignored;

    /// <param name="currentSlot">the beacon slot now (<see cref="BeaconFormat.SlotAt"/> of the clock the radio runs on)</param>
    public FleetScanner(IBleScanner scanner, FleetKey fleetKey, Func<uint> currentSlot, ushort companyId = BeaconFormat.TestCompanyId)
    {
        _scanner = scanner;
        _resolver = new BeaconResolver(fleetKey, companyId, BeaconResolver.DefaultSlotWindow, BeaconResolver.DefaultMaxDevices);
        _currentSlot = currentSlot;
        _scanner.AdvertisementReceived += OnAdvertisement;
    }

    /// <summary>The devices heard so far, by device id (hex).</summary>
    public IReadOnlyList<FieldSighting> Sightings
    {
        get
        {
            lock (_sightings)
            {
                return _sightings.Values.OrderBy(s => s.DeviceId, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Advertisements heard that were not a fresh beacon of this fleet.</summary>
    public int Ignored => Volatile.Read(ref _ignored);

    public void Start() => _scanner.Start();

    public void Stop() => _scanner.Stop();

    public void Dispose()
    {
        _scanner.AdvertisementReceived -= OnAdvertisement;
        if (_scanner.IsScanning)
        {
            _scanner.Stop();
        }
    }

    private void OnAdvertisement(BleScanResult result)
    {
        BleAdvertisement advertisement = result.Advertisement;
        lock (_sightings)
        {
            if (advertisement.CompanyId != _resolver.CompanyId || !advertisement.HasManufacturerData
                || !_resolver.TryResolve(advertisement.ManufacturerData, _currentSlot(), out BeaconReading reading))
            {
                _ignored++;
                return;
            }

            string id = Convert.ToHexStringLower(reading.DeviceId);
            _sightings[id] = new FieldSighting(id, result.Address, result.Rssi, reading.Hints, reading.Counter, result.ReceivedAt);
        }
    }
}
