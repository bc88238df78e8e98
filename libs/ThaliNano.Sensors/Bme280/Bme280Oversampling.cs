namespace ThaliNano.Sensors.Bme280
{
    /// <summary>Oversampling of one quantity: the register code (osrs_t, osrs_p, osrs_h; datasheet tables 20, 23, 24).</summary>
    public enum Bme280Oversampling
    {
        /// <summary>Not measured: the result register keeps 0x80000 (0x8000 for humidity).</summary>
        Skipped = 0,
        X1 = 1,
        X2 = 2,
        X4 = 3,
        X8 = 4,
        X16 = 5,
    }
}
