using ThaliNano.Sensors.I2c;

namespace ThaliNano.Sensors.Tests.Simulation;

/// <summary>
/// An I2C bus with parts at addresses and injectable faults: a stuck bus (SDA or SCL held low: every transfer
/// times out), NACKs of the next transfers (a glitch or a part in brown-out), a part unplugged.
/// Allocates nothing per transfer, so that the drivers' own allocations can be measured through it.
/// </summary>
public sealed class SimulatedI2cBus
{
    private readonly Dictionary<int, ISimulatedPart> _parts = [];

    public bool Stuck { get; set; }

    public int NackNextTransfers { get; set; }

    public void Attach(int address, ISimulatedPart part) => _parts[address] = part;

    public void Detach(int address) => _parts.Remove(address);

    public II2cChannel Channel(int address) => new BusChannel(this, address);

    /// <summary>write only, read only (write null), or a combined transfer with a repeated start.</summary>
    private I2cStatus Transfer(int address, byte[]? write, byte[]? read)
    {
        if (Stuck)
        {
            return I2cStatus.ClockStretchTimeout;
        }

        if (NackNextTransfers > 0)
        {
            NackNextTransfers--;
            return I2cStatus.AddressNotAcknowledged;
        }

        if (!_parts.TryGetValue(address, out var part))
        {
            return I2cStatus.AddressNotAcknowledged;
        }

        return write == null ? part.Read(read!) : read == null ? part.Write(write) : part.WriteRead(write, read);
    }

    private sealed class BusChannel(SimulatedI2cBus bus, int address) : II2cChannel
    {
        public int Address => address;

        public I2cStatus Write(byte[] buffer) => bus.Transfer(address, buffer, null);

        public I2cStatus Read(byte[] buffer) => bus.Transfer(address, null, buffer);

        public I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer) => bus.Transfer(address, writeBuffer, readBuffer);
    }
}
