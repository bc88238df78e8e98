using System;
using ThaliNano.Sensors.I2c;

namespace ThaliNano.Sensors.Bme280
{
    /// <summary>
    /// Bosch BME280 temperature, pressure and humidity sensor in forced mode: each <see cref="Measure"/> starts one
    /// conversion, waits the datasheet's maximum conversion time (appendix 9.1), confirms in the status register that
    /// it finished, burst-reads the results and compensates them with Bosch's integer formulas. Filter off. Not
    /// thread-safe: one sampling thread. Buffers are allocated once; a measurement allocates nothing.
    /// </summary>
    public sealed class Bme280Sensor
    {
        /// <summary>SDO pin low.</summary>
        public const int DefaultAddress = 0x76;

        /// <summary>SDO pin high.</summary>
        public const int AlternateAddress = 0x77;

        /// <summary>The value of the id register (0xD0) of a BME280; a BMP280 answers 0x56..0x58.</summary>
        public const int ChipId = 0x60;

        private const string Part = "BME280";
        private const byte CalibrationFirstRegister = 0x88;
        private const byte IdRegister = 0xD0;
        private const byte ResetRegister = 0xE0;
        private const byte CalibrationSecondRegister = 0xE1;
        private const byte ControlHumidityRegister = 0xF2;
        private const byte StatusRegister = 0xF3;
        private const byte ControlMeasurementRegister = 0xF4;
        private const byte ConfigRegister = 0xF5;
        private const byte DataRegister = 0xF7;
        private const byte ResetValue = 0xB6;
        private const int ForcedMode = 0x01;
        private const int MeasuringBit = 0x08;
        private const int NvmCopyingBit = 0x01;
        private const int Unset20Bit = 0x80000;
        private const int Unset16Bit = 0x8000;

        // Datasheet 1.1: start-up time 2 ms; then the status register is polled every millisecond this many times.
        private const int StartupMilliseconds = 2;
        private const int StatusPolls = 10;

        private readonly II2cChannel _channel;
        private readonly IDelay _delay;
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _pair = new byte[2];
        private readonly byte[] _control = new byte[4];
        private readonly byte[] _data = new byte[8];

        public Bme280Sensor(II2cChannel channel, IDelay delay)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }

            if (delay == null)
            {
                throw new ArgumentNullException("delay");
            }

            _channel = channel;
            _delay = delay;
            TemperatureOversampling = Bme280Oversampling.X1;
            PressureOversampling = Bme280Oversampling.X1;
            HumidityOversampling = Bme280Oversampling.X1;
        }

        /// <summary>Must not be Skipped: pressure and humidity compensation need the temperature.</summary>
        public Bme280Oversampling TemperatureOversampling { get; set; }

        public Bme280Oversampling PressureOversampling { get; set; }

        public Bme280Oversampling HumidityOversampling { get; set; }

        /// <summary>Read by <see cref="Initialize"/>; null before.</summary>
        public Bme280Calibration Calibration { get; private set; }

        /// <summary>Checks the chip id, soft-resets, waits for the trimming memory to load, reads the calibration, filter off.</summary>
        public void Initialize()
        {
            int id = ReadRegister(IdRegister, "chip id read");
            if (id != ChipId)
            {
                throw new SensorException(
                    SensorFault.WrongChipId,
                    I2cTransfers.Name(_channel, Part) + ": chip id 0x" + id.ToString("X2") + ", a BME280 has 0x" + ChipId.ToString("X2"));
            }

            WriteRegister(ResetRegister, ResetValue, "soft reset");
            _delay.Wait(StartupMilliseconds);
            WaitWhileStatus(NvmCopyingBit, "copying its calibration");

            byte[] first = new byte[Bme280Calibration.FirstBlockLength];
            byte[] second = new byte[Bme280Calibration.SecondBlockLength];
            ReadRegisters(CalibrationFirstRegister, first, "calibration read");
            ReadRegisters(CalibrationSecondRegister, second, "calibration read");
            Calibration = Bme280Calibration.Parse(first, second);
            WriteRegister(ConfigRegister, 0, "config write");
        }

        /// <summary>One forced-mode conversion with the current oversampling settings.</summary>
        public Bme280Reading Measure()
        {
            if (Calibration == null)
            {
                throw new InvalidOperationException("call Initialize first");
            }

            if (TemperatureOversampling == Bme280Oversampling.Skipped)
            {
                throw new InvalidOperationException("temperature cannot be skipped: the other compensations need it");
            }

            // ctrl_hum takes effect only with the write to ctrl_meas that follows it (datasheet 5.4.3): one
            // transaction of register/value pairs in that order.
            _control[0] = ControlHumidityRegister;
            _control[1] = (byte)HumidityOversampling;
            _control[2] = ControlMeasurementRegister;
            _control[3] = (byte)(((int)TemperatureOversampling << 5) | ((int)PressureOversampling << 2) | ForcedMode);
            I2cTransfers.Check(_channel.Write(_control), _channel, Part, "measurement start");
            _delay.Wait(MaximumConversionMilliseconds(TemperatureOversampling, PressureOversampling, HumidityOversampling));
            WaitWhileStatus(MeasuringBit, "measuring");
            ReadRegisters(DataRegister, _data, "result read");

            int adcP = (_data[0] << 12) | (_data[1] << 4) | (_data[2] >> 4);
            int adcT = (_data[3] << 12) | (_data[4] << 4) | (_data[5] >> 4);
            int adcH = (_data[6] << 8) | _data[7];
            RequireSet(adcT == Unset20Bit, "temperature");
            Bme280Calibration c = Calibration;
            int fine = Bme280Compensation.TemperatureFine(adcT, c);

            bool hasPressure = PressureOversampling != Bme280Oversampling.Skipped;
            long centiPascals = 0;
            if (hasPressure)
            {
                RequireSet(adcP == Unset20Bit, "pressure");
                centiPascals = (Bme280Compensation.PressureQ24Dot8(adcP, fine, c) * 100 + 128) >> 8;
            }

            bool hasHumidity = HumidityOversampling != Bme280Oversampling.Skipped;
            int centiPercent = 0;
            if (hasHumidity)
            {
                RequireSet(adcH == Unset16Bit, "humidity");
                centiPercent = (Bme280Compensation.HumidityQ22Dot10(adcH, fine, c) * 100 + 512) >> 10;
            }

            return new Bme280Reading(Bme280Compensation.CentiCelsius(fine), hasPressure, centiPascals, hasHumidity, centiPercent);
        }

        /// <summary>
        /// Datasheet appendix 9.1: t_measure,max = 1.25 + 2.3 * T + (2.3 * P + 0.575) + (2.3 * H + 0.575) ms with T, P,
        /// H the oversampling counts (a skipped quantity adds nothing), rounded up to whole milliseconds.
        /// </summary>
        public static int MaximumConversionMilliseconds(Bme280Oversampling temperature, Bme280Oversampling pressure, Bme280Oversampling humidity)
        {
            int microseconds = 1250 + 2300 * Samples(temperature);
            if (pressure != Bme280Oversampling.Skipped)
            {
                microseconds += 2300 * Samples(pressure) + 575;
            }

            if (humidity != Bme280Oversampling.Skipped)
            {
                microseconds += 2300 * Samples(humidity) + 575;
            }

            return (microseconds + 999) / 1000;
        }

        private static int Samples(Bme280Oversampling oversampling)
        {
            return oversampling == Bme280Oversampling.Skipped ? 0 : 1 << ((int)oversampling - 1);
        }

        private void RequireSet(bool unset, string quantity)
        {
            if (unset)
            {
                throw new SensorException(
                    SensorFault.InvalidData,
                    I2cTransfers.Name(_channel, Part) + ": the " + quantity + " result register holds its reset value: no conversion happened");
            }
        }

        private void WaitWhileStatus(int bit, string what)
        {
            for (int poll = 0; poll <= StatusPolls; poll++)
            {
                if ((ReadRegister(StatusRegister, "status read") & bit) == 0)
                {
                    return;
                }

                if (poll < StatusPolls)
                {
                    _delay.Wait(1);
                }
            }

            throw new SensorException(
                SensorFault.Timeout,
                I2cTransfers.Name(_channel, Part) + ": still " + what + " " + StatusPolls.ToString() + " ms after the datasheet's maximum");
        }

        private int ReadRegister(byte register, string step)
        {
            ReadRegisters(register, _one, step);
            return _one[0];
        }

        private void ReadRegisters(byte first, byte[] into, string step)
        {
            _register[0] = first;
            I2cTransfers.Check(_channel.WriteRead(_register, into), _channel, Part, step);
        }

        private void WriteRegister(byte register, byte value, string step)
        {
            _pair[0] = register;
            _pair[1] = value;
            I2cTransfers.Check(_channel.Write(_pair), _channel, Part, step);
        }
    }
}
