using ThaliNano.Ble;

namespace ThaliNano.Drivers.Host.Ble;

/// <summary>
/// One GATT connection on the medium. Packets are sent one after another at the medium's throughput (both
/// directions share the link) and arrive after the latency; the link layer retransmits, so nothing is lost while the
/// link is up, and nothing in flight arrives after it closed.
/// </summary>
internal sealed class SimulatedGattLink
{
    private readonly SimulatedBleMedium _medium;
    private TimeSpan _busyUntil;

    public SimulatedGattLink(SimulatedBleMedium medium, int id, SimulatedBleRadio central, SimulatedBleRadio peripheral, int mtu)
    {
        _medium = medium;
        Central = central;
        Peripheral = peripheral;
        CentralConnection = new BleConnection(id, peripheral.Address, mtu);
        PeripheralConnection = new BleConnection(id, central.Address, mtu);
        Client = new SimulatedGattClient(this, medium.Clock);
    }

    public SimulatedBleRadio Central { get; }

    public SimulatedBleRadio Peripheral { get; }

    public BleConnection CentralConnection { get; }

    public BleConnection PeripheralConnection { get; }

    public SimulatedGattClient Client { get; }

    public bool IsOpen => CentralConnection.IsOpen;

    /// <summary>Why the link closed; null while open.</summary>
    public string? CloseReason { get; private set; }

    public bool Involves(SimulatedBleRadio radio) => Central == radio || Peripheral == radio;

    /// <summary>Queues <paramref name="bytes"/> on the link; <paramref name="deliver"/> runs on arrival if the link is still up.</summary>
    /// <returns>The arrival time.</returns>
    public TimeSpan Transmit(int bytes, Action deliver)
    {
        var clock = _medium.Clock;
        var start = _busyUntil > clock.Now ? _busyUntil : clock.Now;
        _busyUntil = start + TimeSpan.FromTicks(bytes * TimeSpan.TicksPerSecond / _medium.Options.ThroughputBytesPerSecond);
        var arrival = _busyUntil + _medium.Options.Latency;
        clock.ScheduleAt(arrival, () =>
        {
            if (IsOpen)
            {
                deliver();
            }
        });
        return arrival;
    }

    public bool Notify(GattCharacteristic characteristic, byte[] value)
    {
        if (!IsOpen)
        {
            throw new BleException($"cannot notify {Central.Address}: {CloseReason}");
        }

        CheckPayload(value);
        if (!Client.IsSubscribed(characteristic))
        {
            return false;
        }

        byte[] copy = (byte[])value.Clone();
        Transmit(copy.Length, () => Client.Notified(characteristic, copy));
        return true;
    }

    public void CheckPayload(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > CentralConnection.MaxPayload)
        {
            throw new BleException($"a value of {value.Length} bytes exceeds the {CentralConnection.MaxPayload} bytes an MTU of {CentralConnection.Mtu} carries");
        }
    }

    public void Close(string reason)
    {
        if (!IsOpen)
        {
            return;
        }

        CloseReason = reason;
        CentralConnection.Close();
        PeripheralConnection.Close();
        _medium.Closed(this);
        Peripheral.LinkClosed(this);
        Central.LinkClosed(this);
        Client.Closed();
    }
}
