using ThaliNano.Sensors.I2c;
using ThaliNano.Sensors.Tests.Reference;

namespace ThaliNano.Sensors.Tests.Simulation;

/// <summary>
/// A BME280's register map as its datasheet describes it: chip id 0xD0, reset 0xE0 (0xB6), calibration at
/// 0x88..0xA1 and 0xE1..0xE7, ctrl_hum 0xF2 (effective only after a ctrl_meas write), status 0xF3 (measuring bit 3,
/// im_update bit 0 while the trimming memory loads after a reset), ctrl_meas 0xF4, config 0xF5, results 0xF7..0xFE.
/// Writes are register/value pairs; reads auto-increment from the register written first. A forced conversion
/// takes the datasheet's typical time (appendix 9.1) and leaves 0x80000 (0x8000 for humidity) in skipped results.
/// Faults: another chip id, a part that never finishes converting.
/// </summary>
public sealed class SimulatedBme280 : ISimulatedPart
{
    private readonly VirtualClock _clock;
    private readonly byte[] _registers = new byte[256];
    private long _measuringUntil = -1;
    private long _loadingUntil = -1;
    private int _humidityOversampling;
    private int _pointer;

    public SimulatedBme280(VirtualClock clock, Bme280CalibrationValues calibration)
    {
        _clock = clock;
        Calibration = calibration;
        ChipId = 0x60;
        Reset();
    }

    public Bme280CalibrationValues Calibration { get; }

    public int ChipId { get; set; }

    public int AdcTemperature { get; set; } = 519888;

    public int AdcPressure { get; set; } = 415148;

    public int AdcHumidity { get; set; } = 30000;

    public bool NeverFinishes { get; set; }

    public int Conversions { get; private set; }

    /// <summary>The ctrl_meas value of the last forced conversion.</summary>
    public int LastControlMeasurement { get; private set; }

    public int LastHumidityOversampling { get; private set; }

    public int Config => _registers[0xF5];

    public I2cStatus Write(byte[] buffer)
    {
        if (buffer.Length == 1)
        {
            _pointer = buffer[0];
            return I2cStatus.Ok;
        }

        if (buffer.Length == 0 || buffer.Length % 2 != 0)
        {
            return I2cStatus.DataNotAcknowledged;
        }

        for (int i = 0; i < buffer.Length; i += 2)
        {
            WriteRegister(buffer[i], buffer[i + 1]);
        }

        return I2cStatus.Ok;
    }

    public I2cStatus Read(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = ReadRegister((_pointer + i) & 0xFF);
        }

        return I2cStatus.Ok;
    }

    public I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer)
    {
        if (writeBuffer.Length != 1)
        {
            return I2cStatus.DataNotAcknowledged;
        }

        _pointer = writeBuffer[0];
        return Read(readBuffer);
    }

    private bool Measuring => NeverFinishes ? _measuringUntil >= 0 : _clock.Milliseconds < _measuringUntil;

    private void WriteRegister(int register, int value)
    {
        switch (register)
        {
            case 0xE0:
                if (value == 0xB6)
                {
                    Reset();
                }

                break;
            case 0xF2:
            case 0xF5:
                _registers[register] = (byte)value;
                break;
            case 0xF4:
                _registers[register] = (byte)value;
                _humidityOversampling = _registers[0xF2] & 0x07;
                if ((value & 0x03) == 0x01 || (value & 0x03) == 0x02)
                {
                    StartForced(value);
                }

                break;
        }
    }

    private byte ReadRegister(int register)
    {
        if (register == 0xD0)
        {
            return (byte)ChipId;
        }

        if (register == 0xF3)
        {
            return (byte)((Measuring ? 0x08 : 0) | (_clock.Milliseconds < _loadingUntil ? 0x01 : 0));
        }

        if (register >= 0xF7 && !Measuring && _measuringUntil >= 0)
        {
            Complete();
        }

        return _registers[register];
    }

    private void Reset()
    {
        Array.Clear(_registers);
        Bme280CalibrationEncoding.Encode(Calibration, _registers);
        SetResult(0xF7, 0x80000);
        SetResult(0xFA, 0x80000);
        _registers[0xFD] = 0x80;
        _registers[0xFE] = 0x00;
        _humidityOversampling = 0;
        _measuringUntil = -1;
        _loadingUntil = _clock.Milliseconds + 1;
    }

    private void StartForced(int controlMeasurement)
    {
        int t = Samples((controlMeasurement >> 5) & 0x07);
        int p = Samples((controlMeasurement >> 2) & 0x07);
        int h = Samples(_humidityOversampling);

        // Appendix 9.1, typical: 1 + 2 T + (2 P + 0.5) + (2 H + 0.5) ms, in microseconds, rounded up.
        int microseconds = 1000 + 2000 * t + (p > 0 ? 2000 * p + 500 : 0) + (h > 0 ? 2000 * h + 500 : 0);
        _measuringUntil = _clock.Milliseconds + (microseconds + 999) / 1000;
        LastControlMeasurement = controlMeasurement;
        LastHumidityOversampling = _humidityOversampling;
    }

    private void Complete()
    {
        int t = (LastControlMeasurement >> 5) & 0x07;
        int p = (LastControlMeasurement >> 2) & 0x07;
        SetResult(0xFA, t == 0 ? 0x80000 : AdcTemperature);
        SetResult(0xF7, p == 0 ? 0x80000 : AdcPressure);
        int humidity = LastHumidityOversampling == 0 ? 0x8000 : AdcHumidity;
        _registers[0xFD] = (byte)(humidity >> 8);
        _registers[0xFE] = (byte)humidity;
        _registers[0xF4] &= 0xFC;
        _measuringUntil = -1;
        Conversions++;
    }

    private void SetResult(int register, int value)
    {
        _registers[register] = (byte)(value >> 12);
        _registers[register + 1] = (byte)(value >> 4);
        _registers[register + 2] = (byte)((value & 0x0F) << 4);
    }

    private static int Samples(int code) => code == 0 ? 0 : 1 << Math.Min(code - 1, 4);
}
