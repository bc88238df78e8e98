using ThaliNano.Sensors.I2c;

namespace ThaliNano.Sensors.Sht3x
{
    /// <summary>
    /// Sensirion SHT3x (SHT30/31/35) humidity and temperature sensor: single-shot measurements with clock stretching
    /// disabled (the driver waits the maximum conversion time, then reads; a sensor still converting NACKs the read),
    /// every 16-bit word checked against its CRC-8, the heater kept off. Not thread-safe: one sampling thread.
    /// Buffers are allocated once; a measurement allocates nothing.
    /// </summary>
    public sealed class Sht3xSensor
    {
        /// <summary>ADDR pin low.</summary>
        public const int DefaultAddress = 0x44;

        /// <summary>ADDR pin high.</summary>
        public const int AlternateAddress = 0x45;

        private const string Part = "SHT3x";
        private const int SoftResetCommand = 0x30A2;
        private const int HeaterOffCommand = 0x3066;
        private const int ReadStatusCommand = 0xF32D;
        private const int HeaterOnStatusBit = 1 << 13;

        // Datasheet table 4: soft reset time 1.5 ms at most, rounded up to whole milliseconds.
        private const int SoftResetMilliseconds = 2;

        private readonly II2cChannel _channel;
        private readonly IDelay _delay;
        private readonly byte[] _command = new byte[2];
        private readonly byte[] _measurement = new byte[6];
        private readonly byte[] _status = new byte[3];

        public Sht3xSensor(II2cChannel channel, IDelay delay)
        {
            if (channel == null)
            {
                throw new System.ArgumentNullException("channel");
            }

            if (delay == null)
            {
                throw new System.ArgumentNullException("delay");
            }

            _channel = channel;
            _delay = delay;
            Repeatability = Sht3xRepeatability.High;
        }

        public Sht3xRepeatability Repeatability { get; set; }

        /// <summary>Soft reset, heater off, then checks in the status register that the heater is off.</summary>
        public void Initialize()
        {
            SoftReset();
            Send(HeaterOffCommand, "heater off");
            if ((ReadStatus() & HeaterOnStatusBit) != 0)
            {
                throw new SensorException(SensorFault.InvalidData, I2cTransfers.Name(_channel, Part) + ": the heater is still on after the heater-off command");
            }
        }

        /// <summary>Resets the sensor to its power-up state (heater off, no periodic mode) and waits until it listens again.</summary>
        public void SoftReset()
        {
            Send(SoftResetCommand, "soft reset");
            _delay.Wait(SoftResetMilliseconds);
        }

        /// <summary>The 16-bit status register (datasheet table 17), CRC-checked.</summary>
        public int ReadStatus()
        {
            Send(ReadStatusCommand, "status command");
            I2cTransfers.Check(_channel.Read(_status), _channel, Part, "status read");
            return CheckedWord(_status, 0, "status");
        }

        /// <summary>One single-shot measurement at <see cref="Repeatability"/>.</summary>
        public Sht3xReading Measure()
        {
            int command;
            int milliseconds;
            switch (Repeatability)
            {
                case Sht3xRepeatability.High:
                    command = 0x2400;
                    milliseconds = 15;
                    break;
                case Sht3xRepeatability.Medium:
                    command = 0x240B;
                    milliseconds = 6;
                    break;
                case Sht3xRepeatability.Low:
                    command = 0x2416;
                    milliseconds = 4;
                    break;
                default:
                    throw new System.InvalidOperationException("unknown repeatability");
            }

            Send(command, "measurement command");
            _delay.Wait(milliseconds);
            I2cTransfers.Check(_channel.Read(_measurement), _channel, Part, "measurement read");
            int temperature = CheckedWord(_measurement, 0, "temperature");
            int humidity = CheckedWord(_measurement, 3, "humidity");
            return new Sht3xReading(Sht3xConversion.ToCentiCelsius(temperature), Sht3xConversion.ToCentiPercentRelativeHumidity(humidity));
        }

        private void Send(int command, string step)
        {
            _command[0] = (byte)(command >> 8);
            _command[1] = (byte)command;
            I2cTransfers.Check(_channel.Write(_command), _channel, Part, step);
        }

        private int CheckedWord(byte[] data, int offset, string what)
        {
            byte expected = SensirionCrc8.Compute(data, offset, 2);
            if (data[offset + 2] != expected)
            {
                throw new SensorException(
                    SensorFault.CrcMismatch,
                    I2cTransfers.Name(_channel, Part) + ": " + what + " word CRC 0x" + data[offset + 2].ToString("X2") + ", expected 0x" + expected.ToString("X2"));
            }

            return (data[offset] << 8) | data[offset + 1];
        }
    }
}
