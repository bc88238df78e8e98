using ThaliNano.Sensors.I2c;
using ThaliNano.Sensors.Sht3x;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// An SHT3x on a bus that always answers (21.5 °C, 45 %RH, every word with its CRC), so the real driver and sampler run
/// without an I2C bus; the device's <c>Esp32I2cChannel</c> is as small. Not a datasheet simulation: tests/ThaliNano.Sensors.Tests has that.
/// </summary>
internal sealed class StandInSht3xChannel : II2cChannel
{
    private const int ReadStatusCommand = 0xF32D;
    private const int Temperature = 0x6666;
    private const int Humidity = 0x7333;
    private int _lastCommand;

    public int Address => 0x44;

    public I2cStatus Write(byte[] buffer)
    {
        _lastCommand = (buffer[0] << 8) | buffer[1];
        return I2cStatus.Ok;
    }

    public I2cStatus Read(byte[] buffer)
    {
        if (_lastCommand == ReadStatusCommand)
        {
            Word(buffer, 0, 0);
        }
        else
        {
            Word(buffer, 0, Temperature);
            Word(buffer, 3, Humidity);
        }

        return I2cStatus.Ok;
    }

    public I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer) => Write(writeBuffer) == I2cStatus.Ok ? Read(readBuffer) : I2cStatus.BusError;

    private static void Word(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 8);
        buffer[offset + 1] = (byte)value;
        buffer[offset + 2] = SensirionCrc8.Compute(buffer, offset, 2);
    }
}
