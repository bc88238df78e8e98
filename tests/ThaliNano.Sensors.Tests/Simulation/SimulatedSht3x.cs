using ThaliNano.Sensors.I2c;
using ThaliNano.Sensors.Tests.Reference;

namespace ThaliNano.Sensors.Tests.Simulation;

/// <summary>
/// An SHT3x as its datasheet describes it: 16-bit commands, single-shot measurements without clock stretching that
/// take the maximum conversion time of their repeatability (read header NACKed until then), soft reset (NACKs for
/// 1.5 ms, heater off, status "reset detected"), heater on/off, status register; every word followed by its CRC-8.
/// Faults: a corrupted CRC on the next temperature or humidity word, a heater reported stuck on.
/// </summary>
public sealed class SimulatedSht3x(VirtualClock clock) : ISimulatedPart
{
    private const int StatusHeaterOn = 1 << 13;
    private const int StatusResetDetected = 1 << 4;

    private enum Pending { Nothing, Status, Measurement }

    private Pending _pending;
    private long _readyAtMilliseconds;
    private long _busyUntilMilliseconds;
    private int _status = StatusResetDetected;

    public int RawTemperature { get; set; } = Sht3xReference.RawTemperature(21.5);

    public int RawHumidity { get; set; } = Sht3xReference.RawHumidity(45.0);

    public bool HeaterOn => (_status & StatusHeaterOn) != 0;

    /// <summary>The status register reports the heater on whatever the commands (a damaged part).</summary>
    public bool HeaterStuckOn { get; set; }

    public bool CorruptNextTemperatureCrc { get; set; }

    public bool CorruptNextHumidityCrc { get; set; }

    public List<int> Commands { get; } = [];

    public void SetConditions(double celsius, double percent)
    {
        RawTemperature = Sht3xReference.RawTemperature(celsius);
        RawHumidity = Sht3xReference.RawHumidity(percent);
    }

    public I2cStatus Write(byte[] buffer)
    {
        if (Busy)
        {
            return I2cStatus.AddressNotAcknowledged;
        }

        if (buffer.Length != 2)
        {
            return I2cStatus.DataNotAcknowledged;
        }

        int command = (buffer[0] << 8) | buffer[1];
        Commands.Add(command);
        _pending = Pending.Nothing;
        switch (command)
        {
            case 0x30A2:
                _status = StatusResetDetected;
                _busyUntilMilliseconds = clock.Milliseconds + 2; // 1.5 ms; NACKs in whole-millisecond virtual time
                return I2cStatus.Ok;
            case 0x3066:
                _status &= ~StatusHeaterOn;
                return I2cStatus.Ok;
            case 0x306D:
                _status |= StatusHeaterOn;
                return I2cStatus.Ok;
            case 0xF32D:
                _pending = Pending.Status;
                return I2cStatus.Ok;
            case 0x2400:
                return StartMeasurement(15);
            case 0x240B:
                return StartMeasurement(6);
            case 0x2416:
                return StartMeasurement(4);
            default:
                return I2cStatus.DataNotAcknowledged;
        }
    }

    public I2cStatus Read(byte[] buffer)
    {
        if (Busy || _pending == Pending.Nothing
            || (_pending == Pending.Measurement && clock.Milliseconds < _readyAtMilliseconds))
        {
            return I2cStatus.AddressNotAcknowledged;
        }

        if (_pending == Pending.Status)
        {
            if (buffer.Length != 3)
            {
                return I2cStatus.DataNotAcknowledged;
            }

            PutWord(buffer, 0, HeaterStuckOn ? _status | StatusHeaterOn : _status, false);
        }
        else
        {
            if (buffer.Length != 6)
            {
                return I2cStatus.DataNotAcknowledged;
            }

            PutWord(buffer, 0, RawTemperature, CorruptNextTemperatureCrc);
            PutWord(buffer, 3, RawHumidity, CorruptNextHumidityCrc);
            CorruptNextTemperatureCrc = false;
            CorruptNextHumidityCrc = false;
        }

        _pending = Pending.Nothing;
        return I2cStatus.Ok;
    }

    /// <summary>The SHT3x has no registers to address with a repeated start: a combined transfer is a command then a read.</summary>
    public I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer)
    {
        I2cStatus written = Write(writeBuffer);
        return written == I2cStatus.Ok ? Read(readBuffer) : written;
    }

    private bool Busy => clock.Milliseconds < _busyUntilMilliseconds;

    private I2cStatus StartMeasurement(int maximumMilliseconds)
    {
        _pending = Pending.Measurement;
        _readyAtMilliseconds = clock.Milliseconds + maximumMilliseconds;
        return I2cStatus.Ok;
    }

    private static void PutWord(byte[] buffer, int offset, int word, bool corrupt)
    {
        buffer[offset] = (byte)(word >> 8);
        buffer[offset + 1] = (byte)word;
        byte crc = Sht3xReference.Crc(buffer[offset], buffer[offset + 1]);
        buffer[offset + 2] = corrupt ? (byte)(crc ^ 0x01) : crc;
    }
}
