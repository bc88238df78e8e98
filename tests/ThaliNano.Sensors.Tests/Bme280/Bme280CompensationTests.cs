using CsCheck;
using ThaliNano.Sensors.Bme280;
using ThaliNano.Sensors.Tests.Reference;
using ThaliNano.Sensors.Tests.Simulation;
using Xunit.Abstractions;

namespace ThaliNano.Sensors.Tests.Bme280;

/// <summary>
/// The driver's integer formulas against Bosch's double-precision ones over the sensor's operating range
/// (-40..85 °C, 300..1100 hPa, 0..100 %RH). The integer versions truncate at every shift: the tolerances below are
/// their resolution (0.01 °C, with the result's own rounding) plus what the truncations add up to.
/// </summary>
public class Bme280CompensationTests(ITestOutputHelper output)
{
    private const double CelsiusTolerance = 0.01;
    private const double PascalTolerance = 1.0;
    private const double HumidityTolerance = 0.02;

    public static TheoryData<string> Sets() => [nameof(Bme280CalibrationValues.DatasheetExample), nameof(Bme280CalibrationValues.SecondPart)];

    [Fact]
    public void TheReferenceReproducesTheDatasheetsWorkedExample()
    {
        // BMP280 datasheet 3.12: adc_T 519888 and adc_P 415148 with its trimming give 25.08 °C and 100653.27 Pa.
        var c = Bme280CalibrationValues.DatasheetExample;
        double fine = Bme280Reference.TemperatureFine(519888, c);

        Assert.Equal(25.08, Bme280Reference.Celsius(fine), 2);
        Assert.Equal(100653.27, Bme280Reference.Pascals(415148, fine, c), 2);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void IntegerCompensationAgreesWithTheDoublePrecisionFormulas(string set)
    {
        var values = Bme280CalibrationValues.Named(set);
        var bench = new TestBench(values);
        bench.Bme280Driver.Initialize();
        Bme280Calibration c = bench.Bme280Driver.Calibration;
        double worstT = 0, worstP = 0, worstH = 0;
        int compared = 0;
        Gen.Select(Gen.Int[200000, 800000], Gen.Int[150000, 750000], Gen.Int[0, 65535]).Sample((adcT, adcP, adcH) =>
        {
            double fine = Bme280Reference.TemperatureFine(adcT, values);
            double celsius = Bme280Reference.Celsius(fine);
            double pascals = Bme280Reference.Pascals(adcP, fine, values);
            if (celsius < -40 || celsius > 85 || pascals < 30000 || pascals > 110000)
            {
                return;
            }

            int intFine = Bme280Compensation.TemperatureFine(adcT, c);
            double t = Bme280Compensation.CentiCelsius(intFine) / 100.0;
            double p = Bme280Compensation.PressureQ24Dot8(adcP, intFine, c) / 256.0;
            double h = Bme280Compensation.HumidityQ22Dot10(adcH, intFine, c) / 1024.0;
            double humidity = Bme280Reference.RelativeHumidity(adcH, fine, values);

            Assert.InRange(t - celsius, -CelsiusTolerance, CelsiusTolerance);
            Assert.InRange(p - pascals, -PascalTolerance, PascalTolerance);
            Assert.InRange(h - humidity, -HumidityTolerance, HumidityTolerance);
            lock (output)
            {
                compared++;
                worstT = Math.Max(worstT, Math.Abs(t - celsius));
                worstP = Math.Max(worstP, Math.Abs(p - pascals));
                worstH = Math.Max(worstH, Math.Abs(h - humidity));
            }
        }, iter: 20000);

        Assert.True(compared > 1000, $"only {compared} samples fell in the operating range");
        output.WriteLine($"{set}: {compared} samples; worst |int - double|: {worstT:F4} °C, {worstP:F3} Pa, {worstH:F4} %RH");
    }
}
