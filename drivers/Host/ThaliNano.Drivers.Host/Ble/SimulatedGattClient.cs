using ThaliNano.Ble;

namespace ThaliNano.Drivers.Host.Ble;

/// <summary>The central's end of a <see cref="SimulatedGattLink"/>; blocking calls run the virtual clock until they complete.</summary>
public sealed class SimulatedGattClient : IGattClient
{
    private readonly SimulatedGattLink _link;
    private readonly VirtualClock _clock;
    private readonly Dictionary<GattCharacteristic, GattNotificationHandler> _subscriptions = [];

    internal SimulatedGattClient(SimulatedGattLink link, VirtualClock clock)
    {
        _link = link;
        _clock = clock;
    }

    public event BleConnectionHandler? Disconnected;

    public BleConnection Connection => _link.CentralConnection;

    public void Write(Guid service, Guid characteristic, byte[] value, bool withResponse)
    {
        var target = Characteristic(service, characteristic);
        if (!target.CanWrite)
        {
            throw new BleException($"characteristic {characteristic} is not writable");
        }

        _link.CheckPayload(value);
        byte[] copy = (byte[])value.Clone();
        var peripheralConnection = _link.PeripheralConnection;
        var arrival = _link.Transmit(copy.Length, () => target.DeliverWrite(peripheralConnection, copy));
        if (withResponse)
        {
            AwaitOpen(arrival + LatencyOf(), "the write response");
        }
    }

    public byte[] Read(Guid service, Guid characteristic)
    {
        var target = Characteristic(service, characteristic);
        if (!target.CanRead)
        {
            throw new BleException($"characteristic {characteristic} is not readable");
        }

        byte[]? value = null;
        _link.Transmit(0, () => _link.Transmit(target.Value.Length, () => value = (byte[])target.Value.Clone()));
        _clock.RunUntil(() => value is not null || !_link.IsOpen, TimeSpan.MaxValue);
        return value ?? throw Lost("the read response");
    }

    public void Subscribe(Guid service, Guid characteristic, GattNotificationHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var target = Characteristic(service, characteristic);
        if (!target.CanNotify)
        {
            throw new BleException($"characteristic {characteristic} does not notify");
        }

        _subscriptions[target] = handler;
    }

    public bool WaitUntil(BleCondition condition, TimeSpan timeout)
    {
        _clock.RunUntil(() => condition() || !_link.IsOpen, _clock.Now + timeout);
        return condition();
    }

    public void Disconnect() => _link.Close($"{_link.Central.Address} disconnected");

    internal bool IsSubscribed(GattCharacteristic characteristic) => _subscriptions.ContainsKey(characteristic);

    internal void Notified(GattCharacteristic characteristic, byte[] value)
    {
        if (_subscriptions.TryGetValue(characteristic, out var handler))
        {
            handler(this, value);
        }
    }

    internal void Closed() => Disconnected?.Invoke(Connection);

    private TimeSpan LatencyOf() => _link.Peripheral.Medium.Options.Latency;

    private void AwaitOpen(TimeSpan until, string what)
    {
        _clock.RunUntil(() => !_link.IsOpen, until);
        if (!_link.IsOpen)
        {
            throw Lost(what);
        }
    }

    private BleException Lost(string what) => new($"the connection to {_link.Peripheral.Address} was lost before {what}: {_link.CloseReason}");

    private GattCharacteristic Characteristic(Guid service, Guid characteristic)
    {
        if (!_link.IsOpen)
        {
            throw new BleException($"not connected to {_link.Peripheral.Address}: {_link.CloseReason}");
        }

        return _link.Peripheral.FindCharacteristic(service, characteristic)
            ?? throw new BleException($"{_link.Peripheral.Address} has no characteristic {characteristic} in service {service}");
    }
}
