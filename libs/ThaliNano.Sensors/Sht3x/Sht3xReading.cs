namespace ThaliNano.Sensors.Sht3x
{
    /// <summary>One SHT3x measurement in hundredths: 2153 is 21.53 °C, 4520 is 45.20 %RH.</summary>
    public struct Sht3xReading
    {
        public Sht3xReading(int centiCelsius, int centiPercentRelativeHumidity)
        {
            CentiCelsius = centiCelsius;
            CentiPercentRelativeHumidity = centiPercentRelativeHumidity;
        }

        public int CentiCelsius { get; private set; }

        public int CentiPercentRelativeHumidity { get; private set; }
    }
}
