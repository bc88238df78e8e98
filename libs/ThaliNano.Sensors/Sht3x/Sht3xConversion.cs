namespace ThaliNano.Sensors.Sht3x
{
    /// <summary>
    /// The datasheet's conversions (section 4.13) of the 16-bit raw words, T = -45 + 175 * S_T / 65535 °C and
    /// RH = 100 * S_RH / 65535 %, in integer hundredths rounded to nearest (17500 * 65535 still fits an int).
    /// </summary>
    public static class Sht3xConversion
    {
        public static int ToCentiCelsius(int rawTemperature)
        {
            return -4500 + ((17500 * rawTemperature) + 32767) / 65535;
        }

        public static int ToCentiPercentRelativeHumidity(int rawHumidity)
        {
            return ((10000 * rawHumidity) + 32767) / 65535;
        }
    }
}
