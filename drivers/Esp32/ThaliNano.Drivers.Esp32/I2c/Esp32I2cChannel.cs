using System;
using System.Device.I2c;
using ThaliNano.Sensors.I2c;

namespace ThaliNano.Drivers.Esp32.I2c
{
    /// <summary>
    /// <see cref="II2cChannel"/> on nanoFramework's System.Device.I2c: one I2cDevice per sensor address. The arrays go
    /// to the native driver as SpanByte (implicit conversion, no copy); its transfer status becomes the channel's, so a
    /// NACK or a clock held low is reported, never thrown. The SDA/SCL pins of the bus must have been assigned first
    /// (nanoFramework.Hardware.Esp32's Configuration.SetPinFunction, done by the board). Dispose releases the device.
    /// </summary>
    public sealed class Esp32I2cChannel : II2cChannel, IDisposable
    {
        private readonly I2cDevice _device;

        /// <param name="busId">1 or 2 (I2C1, I2C2).</param>
        /// <param name="address">The 7-bit address, e.g. 0x44 for an SHT3x or 0x76 for a BME280.</param>
        public Esp32I2cChannel(int busId, int address, I2cBusSpeed busSpeed)
        {
            if (address < 0x08 || address > 0x77)
            {
                throw new ArgumentOutOfRangeException("address", "a 7-bit I2C address outside the reserved ranges: 0x08 to 0x77");
            }

            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, busSpeed));
            Address = address;
        }

        public int Address { get; private set; }

        public I2cStatus Write(byte[] buffer)
        {
            return Map(_device.Write(buffer));
        }

        public I2cStatus Read(byte[] buffer)
        {
            return Map(_device.Read(buffer));
        }

        public I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer)
        {
            return Map(_device.WriteRead(writeBuffer, readBuffer));
        }

        public void Dispose()
        {
            _device.Dispose();
        }

        // The status alone decides: FullTransfer means every byte of both parts went through, and how the native
        // layer counts BytesTransferred for WriteRead is not documented beyond that.
        private static I2cStatus Map(I2cTransferResult result)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    return I2cStatus.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return I2cStatus.AddressNotAcknowledged;
                case I2cTransferStatus.PartialTransfer:
                    return I2cStatus.DataNotAcknowledged;
                case I2cTransferStatus.ClockStretchTimeout:
                    return I2cStatus.ClockStretchTimeout;
                default:
                    return I2cStatus.BusError;
            }
        }
    }
}
