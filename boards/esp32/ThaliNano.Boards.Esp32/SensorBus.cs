using System;
using System.Collections;
using System.Device.I2c;
using System.Diagnostics;
using nanoFramework.Hardware.Esp32;
using ThaliNano.Drivers.Esp32.I2c;
using ThaliNano.Firmware.Boards;
using ThaliNano.Sensors;
using ThaliNano.Sensors.Bme280;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Sensors.Sht3x;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// The board's I2C wiring and the sensors found on it. Bus 1 is routed to each board's usual pins (the Arduino core's
    /// Wire defaults: SDA 21 / SCL 22 on the ESP32, SDA 8 / SCL 9 on the ESP32-S3 and ESP32-C3); change them here for
    /// other wiring. At start an SHT3x at 0x44 and a BME280 at 0x76 are initialized; the ones that answer are sampled
    /// (a part missing at start is not looked for again until the next start).
    /// </summary>
    public static class SensorBus
    {
        public const int BusId = 1;

        /// <summary>The data (SDA) pin of bus 1 on the board.</summary>
        public static int DataPin(BoardProfile profile)
        {
            return IsEsp32(profile) ? 21 : 8;
        }

        /// <summary>The clock (SCL) pin of bus 1 on the board.</summary>
        public static int ClockPin(BoardProfile profile)
        {
            return IsEsp32(profile) ? 22 : 9;
        }

        /// <summary>Routes bus 1 to the board's pins and returns the sensors that answered (possibly none).</summary>
        public static ISampledSensor[] Open(BoardProfile profile, IDelay delay)
        {
            if (profile == null || delay == null)
            {
                throw new ArgumentNullException(profile == null ? "profile" : "delay");
            }

            Configuration.SetPinFunction(DataPin(profile), DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(ClockPin(profile), DeviceFunction.I2C1_CLOCK);
            ArrayList found = new ArrayList();
            Esp32I2cChannel shtChannel = new Esp32I2cChannel(BusId, Sht3xSensor.DefaultAddress, I2cBusSpeed.StandardMode);
            Sht3xSensor sht = new Sht3xSensor(shtChannel, delay);
            try
            {
                sht.Initialize();
                found.Add(new Sht3xSource(sht));
            }
            catch (SensorException e)
            {
                shtChannel.Dispose();
                Debug.WriteLine("no SHT3x sampled: " + e.Message);
            }

            Esp32I2cChannel bmeChannel = new Esp32I2cChannel(BusId, Bme280Sensor.DefaultAddress, I2cBusSpeed.StandardMode);
            Bme280Sensor bme = new Bme280Sensor(bmeChannel, delay);
            try
            {
                bme.Initialize();
                found.Add(new Bme280Source(bme));
            }
            catch (SensorException e)
            {
                bmeChannel.Dispose();
                Debug.WriteLine("no BME280 sampled: " + e.Message);
            }

            return (ISampledSensor[])found.ToArray(typeof(ISampledSensor));
        }

        private static bool IsEsp32(BoardProfile profile)
        {
            return profile.Name == BoardProfile.Esp32().Name || profile.Name == BoardProfile.Esp32Psram().Name;
        }
    }
}
