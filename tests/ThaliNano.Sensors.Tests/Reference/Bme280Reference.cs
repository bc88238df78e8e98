namespace ThaliNano.Sensors.Tests.Reference;

/// <summary>
/// Bosch's double-precision compensation (BME280 datasheet section 8.1, "floating point"), written out here
/// independently of the driver's integer formulas, which the tests compare against it.
/// </summary>
public static class Bme280Reference
{
    public static double TemperatureFine(int adcT, Bme280CalibrationValues c)
    {
        double var1 = (adcT / 16384.0 - c.T1 / 1024.0) * c.T2;
        double x = adcT / 131072.0 - c.T1 / 8192.0;
        double var2 = x * x * c.T3;
        return var1 + var2;
    }

    public static double Celsius(double temperatureFine) => temperatureFine / 5120.0;

    public static double Pascals(int adcP, double temperatureFine, Bme280CalibrationValues c)
    {
        double var1 = temperatureFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * c.P6 / 32768.0;
        var2 += var1 * c.P5 * 2.0;
        var2 = var2 / 4.0 + c.P4 * 65536.0;
        var1 = (c.P3 * var1 * var1 / 524288.0 + c.P2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * c.P1;
        if (var1 == 0)
        {
            throw new InvalidOperationException("division by zero");
        }

        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = c.P9 * p * p / 2147483648.0;
        var2 = p * c.P8 / 32768.0;
        return p + (var1 + var2 + c.P7) / 16.0;
    }

    public static double RelativeHumidity(int adcH, double temperatureFine, Bme280CalibrationValues c)
    {
        double h = temperatureFine - 76800.0;
        h = (adcH - (c.H4 * 64.0 + c.H5 / 16384.0 * h))
            * (c.H2 / 65536.0 * (1.0 + c.H6 / 67108864.0 * h * (1.0 + c.H3 / 67108864.0 * h)));
        h *= 1.0 - c.H1 * h / 524288.0;
        return Math.Clamp(h, 0.0, 100.0);
    }
}
