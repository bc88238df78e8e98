namespace ThaliNano.Sensors.Bme280
{
    /// <summary>
    /// Bosch's integer compensation formulas (datasheet 4.2.3): 32-bit temperature and humidity, 64-bit pressure,
    /// arithmetic shifts of signed values as in the reference C. Results: temperature in 0.01 °C, pressure in Pa as
    /// Q24.8 (value / 256), humidity in %RH as Q22.10 (value / 1024). t_fine carries temperature into the other two.
    /// </summary>
    public static class Bme280Compensation
    {
        public static int TemperatureFine(int adcT, Bme280Calibration c)
        {
            int var1 = (((adcT >> 3) - (c.T1 << 1)) * c.T2) >> 11;
            int delta = (adcT >> 4) - c.T1;
            int var2 = (((delta * delta) >> 12) * c.T3) >> 14;
            return var1 + var2;
        }

        public static int CentiCelsius(int temperatureFine)
        {
            return (temperatureFine * 5 + 128) >> 8;
        }

        /// <summary>Pressure as Q24.8 Pa; a calibration that makes the divisor 0 is refused rather than reported as 0 Pa.</summary>
        public static long PressureQ24Dot8(int adcP, int temperatureFine, Bme280Calibration c)
        {
            long var1 = (long)temperatureFine - 128000;
            long var2 = var1 * var1 * c.P6;
            var2 += (var1 * c.P5) << 17;
            var2 += (long)c.P4 << 35;
            var1 = ((var1 * var1 * c.P3) >> 8) + ((var1 * c.P2) << 12);
            var1 = ((((long)1 << 47) + var1) * c.P1) >> 33;
            if (var1 == 0)
            {
                throw new SensorException(SensorFault.InvalidData, "BME280 pressure compensation divides by zero: implausible calibration");
            }

            long p = 1048576 - adcP;
            p = (((p << 31) - var2) * 3125) / var1;
            var1 = (c.P9 * (p >> 13) * (p >> 13)) >> 25;
            var2 = (c.P8 * p) >> 19;
            return ((p + var1 + var2) >> 8) + ((long)c.P7 << 4);
        }

        /// <summary>Relative humidity as Q22.10 %RH, clamped by the formula to 0..100 %.</summary>
        public static int HumidityQ22Dot10(int adcH, int temperatureFine, Bme280Calibration c)
        {
            int x = temperatureFine - 76800;
            x = ((((adcH << 14) - (c.H4 << 20) - (c.H5 * x)) + 16384) >> 15)
                * (((((((x * c.H6) >> 10) * (((x * c.H3) >> 11) + 32768)) >> 10) + 2097152) * c.H2 + 8192) >> 14);
            x -= ((((x >> 15) * (x >> 15)) >> 7) * c.H1) >> 4;
            if (x < 0)
            {
                x = 0;
            }

            if (x > 419430400)
            {
                x = 419430400;
            }

            return x >> 12;
        }
    }
}
