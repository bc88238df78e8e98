namespace ThaliNano.Sensors.Bme280
{
    /// <summary>
    /// One BME280 measurement in hundredths (2153 is 21.53 °C, 10065327 is 100653.27 Pa, 4520 is 45.20 %RH).
    /// Pressure and humidity are absent when their oversampling is <see cref="Bme280Oversampling.Skipped"/>.
    /// </summary>
    public struct Bme280Reading
    {
        public Bme280Reading(int centiCelsius, bool hasPressure, long centiPascals, bool hasHumidity, int centiPercentRelativeHumidity)
        {
            CentiCelsius = centiCelsius;
            HasPressure = hasPressure;
            CentiPascals = centiPascals;
            HasHumidity = hasHumidity;
            CentiPercentRelativeHumidity = centiPercentRelativeHumidity;
        }

        public int CentiCelsius { get; private set; }

        public bool HasPressure { get; private set; }

        public long CentiPascals { get; private set; }

        public bool HasHumidity { get; private set; }

        public int CentiPercentRelativeHumidity { get; private set; }
    }
}
