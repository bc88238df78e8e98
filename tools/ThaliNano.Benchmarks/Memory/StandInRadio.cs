using ThaliNano.Ble;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The radio as the device's managed code sees it while NimBLE (outside the managed heap) does the work: it keeps the
/// registered GATT services and the last advertisement, like nanoFramework's managed wrappers, and sends nothing. No
/// central connects, so a carrier's contact goes over HTTP instead (the same <c>MeshService</c> answers both).
/// </summary>
internal sealed class StandInRadio : IBleAdvertiser, IGattServer
{
    private GattService[] _services = [];
    private BleAdvertisement? _advertisement;
    private BleAdvertisement? _scanResponse;

    public event BleConnectionHandler? Connected
    {
        add { }
        remove { }
    }

    public event BleConnectionHandler? Disconnected
    {
        add { }
        remove { }
    }

    public bool IsAdvertising => _advertisement != null;

    public GattService[] Services => _services;

    /// <summary>Advertisements started so far.</summary>
    public int Advertisements { get; private set; }

    public void Start(BleAdvertisement advertisement, BleAdvertisement scanResponse)
    {
        BleAdvertisement.EnsureFitsLegacy(advertisement, scanResponse);
        _advertisement = advertisement;
        _scanResponse = scanResponse;
        Advertisements++;
    }

    public void Stop()
    {
        _advertisement = null;
        _scanResponse = null;
    }

    public void AddService(GattService service) => _services = [.. _services, service];

    public bool Notify(BleConnection connection, GattCharacteristic characteristic, byte[] value) =>
        throw new BleException("no central is connected to the stand-in radio");
}
