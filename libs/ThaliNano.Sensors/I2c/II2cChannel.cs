namespace ThaliNano.Sensors.I2c
{
    /// <summary>
    /// The transfers of one device at one address on an I2C bus: the platform seam the drivers use (the ESP32 driver
    /// wraps nanoFramework's I2cDevice, tests use simulated devices). Whole arrays are transferred; a status other
    /// than <see cref="I2cStatus.Ok"/> leaves the read buffer's content undefined. Implementations do not throw for
    /// bus conditions: they report them.
    /// </summary>
    public interface II2cChannel
    {
        /// <summary>The device's 7-bit address, for error messages.</summary>
        int Address { get; }

        I2cStatus Write(byte[] buffer);

        I2cStatus Read(byte[] buffer);

        /// <summary>Writes, then reads after a repeated start (no stop in between): a register read.</summary>
        I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer);
    }
}
