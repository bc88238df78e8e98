namespace ThaliNano.Sensors
{
    /// <summary>Why a sensor gave no reading.</summary>
    public enum SensorFault
    {
        /// <summary>The device did not acknowledge its address, or a data byte.</summary>
        NotAcknowledged,

        /// <summary>The bus was held (clock stretched past the timeout) or the controller failed.</summary>
        BusFailure,

        /// <summary>A checksum over received data did not match: the data were corrupted on the wire.</summary>
        CrcMismatch,

        /// <summary>The part at the address is not the one the driver drives.</summary>
        WrongChipId,

        /// <summary>The device reported data it cannot have produced (an unset result, an impossible calibration).</summary>
        InvalidData,

        /// <summary>The device did not finish within its datasheet's maximum time.</summary>
        Timeout,
    }
}
