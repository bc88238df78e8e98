using ThaliNano.Ble;

namespace ThaliNano.Drivers.Host.Ble;

/// <summary>
/// One node's radio on a <see cref="SimulatedBleMedium"/>: advertiser and GATT server (peripheral), scanner and
/// central. Like nanoFramework's stack it is a peripheral or a central at a time (<see cref="BleRoleGuard"/>).
/// </summary>
public sealed class SimulatedBleRadio : IBleAdvertiser, IGattServer, IBleScanner, IBleCentral
{
    private readonly BleRoleGuard _roles = new();
    private readonly List<GattService> _services = [];
    private readonly List<SimulatedGattLink> _peripheralLinks = [];
    private byte[]? _advertisingPayload;
    private ScheduledEvent? _nextAdvertisingEvent;
    private TimeSpan _scanStart;

    internal SimulatedBleRadio(SimulatedBleMedium medium, string address, double x, double y, int mtu)
    {
        Medium = medium;
        Address = address;
        X = x;
        Y = y;
        Mtu = mtu;
    }

    public event BleConnectionHandler? Connected;

    public event BleConnectionHandler? Disconnected;

    public event BleScanResultHandler? AdvertisementReceived;

    public SimulatedBleMedium Medium { get; }

    public string Address { get; }

    public double X { get; private set; }

    public double Y { get; private set; }

    /// <summary>The ATT MTU this radio offers; a connection uses the smaller of its two ends'.</summary>
    public int Mtu { get; }

    public BleRole Role => _roles.Role;

    public bool IsAdvertising => _advertisingPayload is not null;

    public bool IsScanning { get; private set; }

    public GattService[] Services => [.. _services];

    /// <summary>Open connections centrals made to this radio.</summary>
    public int PeripheralConnectionCount => _peripheralLinks.Count;

    /// <summary>Moves the node; connections that end up out of range drop at once.</summary>
    public void MoveTo(double x, double y)
    {
        X = x;
        Y = y;
        Medium.Moved(this);
    }

    public void Start(BleAdvertisement advertisement, BleAdvertisement? scanResponse)
    {
        BleAdvertisement.EnsureFitsLegacy(advertisement, scanResponse);
        byte[] advertising = advertisement.Encode(true);
        byte[] response = scanResponse?.Encode(false) ?? [];
        StartRaw([.. advertising, .. response]);
    }

    /// <summary>
    /// Advertises arbitrary bytes as advertising data plus scan response, as a faulty or hostile device could;
    /// scanners must drop what does not parse.
    /// </summary>
    public void StartRaw(byte[] payload)
    {
        if (!IsAdvertising)
        {
            _roles.Claim(BleRole.Peripheral, $"advertising on {Address}");
        }

        _nextAdvertisingEvent?.Cancel();
        _advertisingPayload = (byte[])payload.Clone();
        ScheduleAdvertisingEvent(Jitter());
    }

    void IBleAdvertiser.Stop() => StopAdvertising();

    public void StopAdvertising()
    {
        if (!IsAdvertising)
        {
            return;
        }

        _nextAdvertisingEvent?.Cancel();
        _nextAdvertisingEvent = null;
        _advertisingPayload = null;
        _roles.Release(BleRole.Peripheral);
    }

    public void AddService(GattService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_services.Any(existing => existing.Uuid == service.Uuid))
        {
            throw new ArgumentException($"{Address} already serves {service.Uuid}", nameof(service));
        }

        _services.Add(service);
    }

    public bool Notify(BleConnection connection, GattCharacteristic characteristic, byte[] value)
    {
        var link = _peripheralLinks.FirstOrDefault(link => link.PeripheralConnection == connection)
            ?? throw new BleException($"{Address} has no open connection {connection.Id} to {connection.PeerAddress}");
        return link.Notify(characteristic, value);
    }

    void IBleScanner.Start() => StartScanning();

    void IBleScanner.Stop() => StopScanning();

    public void StartScanning()
    {
        if (IsScanning)
        {
            return;
        }

        _roles.Claim(BleRole.Central, $"scanning on {Address}");
        IsScanning = true;
        _scanStart = Medium.Clock.Now;
        Medium.StartedScanning(this);
    }

    public void StopScanning()
    {
        if (!IsScanning)
        {
            return;
        }

        IsScanning = false;
        Medium.StoppedScanning(this);
        _roles.Release(BleRole.Central);
    }

    public IGattClient Connect(string address)
    {
        var peripheral = Medium.Find(address) ?? throw new BleException($"no radio {address} on the medium");
        if (!peripheral.IsAdvertising)
        {
            throw new BleException($"{address} is not advertising, so it cannot be connected to");
        }

        if (!Medium.InRange(this, peripheral))
        {
            throw new BleException($"{address} is out of range of {Address}");
        }

        _roles.Claim(BleRole.Central, $"connecting from {Address}");
        var clock = Medium.Clock;
        clock.RunFor(Medium.Options.ConnectionSetup);
        if (!Medium.InRange(this, peripheral) || !peripheral.IsAdvertising)
        {
            _roles.Release(BleRole.Central);
            throw new BleException($"{address} went away while {Address} was connecting");
        }

        var link = Medium.OpenLink(this, peripheral);
        peripheral.Accepted(link);
        return link.Client;
    }

    internal GattCharacteristic? FindCharacteristic(Guid service, Guid characteristic) =>
        _services.FirstOrDefault(candidate => candidate.Uuid == service)?.Find(characteristic);

    internal bool IsListening(TimeSpan now)
    {
        var options = Medium.Options;
        return IsScanning && (now - _scanStart).Ticks % options.ScanInterval.Ticks < options.ScanWindow.Ticks;
    }

    internal void Hear(string address, int rssi, byte[] payload)
    {
        if (!IsScanning)
        {
            return;
        }

        var advertisement = BleAdvertisement.TryParse(payload);
        if (advertisement is not null)
        {
            AdvertisementReceived?.Invoke(new BleScanResult(address, rssi, advertisement, Medium.Clock.Now));
        }
    }

    internal void LinkClosed(SimulatedGattLink link)
    {
        if (link.Peripheral == this && _peripheralLinks.Remove(link))
        {
            _roles.Release(BleRole.Peripheral);
            Disconnected?.Invoke(link.PeripheralConnection);
        }
        else if (link.Central == this)
        {
            _roles.Release(BleRole.Central);
        }
    }

    private void Accepted(SimulatedGattLink link)
    {
        _roles.Claim(BleRole.Peripheral, $"serving {link.Central.Address}");
        _peripheralLinks.Add(link);
        Connected?.Invoke(link.PeripheralConnection);
    }

    private void ScheduleAdvertisingEvent(TimeSpan delay) =>
        _nextAdvertisingEvent = Medium.Clock.Schedule(delay, () =>
        {
            if (_advertisingPayload is { } payload)
            {
                Medium.Broadcast(this, payload);
                ScheduleAdvertisingEvent(Medium.Options.AdvertisingInterval + Jitter());
            }
        });

    private TimeSpan Jitter() => TimeSpan.FromTicks((long)(Medium.Random.NextDouble() * Medium.Options.AdvertisingJitter.Ticks));
}
