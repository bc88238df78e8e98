namespace ThaliNano.Sensors.I2c
{
    /// <summary>How one I2C transfer ended (nanoFramework's I2cTransferStatus, named for what the driver does next).</summary>
    public enum I2cStatus
    {
        /// <summary>Every byte was transferred.</summary>
        Ok,

        /// <summary>Nobody acknowledged the address: no device, or one that is busy (an SHT3x still measuring).</summary>
        AddressNotAcknowledged,

        /// <summary>The device acknowledged its address but refused a data byte (an unknown command or register).</summary>
        DataNotAcknowledged,

        /// <summary>The clock line was held low past the controller's timeout: a stuck bus.</summary>
        ClockStretchTimeout,

        /// <summary>The controller reported a failure with no more precise reason.</summary>
        BusError,
    }
}
