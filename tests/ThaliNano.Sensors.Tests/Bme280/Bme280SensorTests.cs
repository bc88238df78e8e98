using ThaliNano.Sensors.Bme280;
using ThaliNano.Sensors.Tests.Reference;

namespace ThaliNano.Sensors.Tests.Bme280;

public class Bme280SensorTests
{
    public static TheoryData<Bme280Oversampling, Bme280Oversampling, Bme280Oversampling> Settings() => new()
    {
        { Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1 },
        { Bme280Oversampling.X2, Bme280Oversampling.X16, Bme280Oversampling.X1 },
        { Bme280Oversampling.X16, Bme280Oversampling.X4, Bme280Oversampling.X8 },
        { Bme280Oversampling.X1, Bme280Oversampling.Skipped, Bme280Oversampling.X2 },
        { Bme280Oversampling.X4, Bme280Oversampling.X1, Bme280Oversampling.Skipped },
        { Bme280Oversampling.X1, Bme280Oversampling.Skipped, Bme280Oversampling.Skipped },
    };

    [Theory]
    [InlineData(0x58)]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void RefusesAnotherChip(int id)
    {
        var bench = new TestBench();
        bench.Bme280.ChipId = id;

        var e = Assert.Throws<SensorException>(bench.Bme280Driver.Initialize);

        Assert.Equal(SensorFault.WrongChipId, e.Fault);
        Assert.Contains("chip id 0x" + id.ToString("X2"), e.Message);
        Assert.Null(bench.Bme280Driver.Calibration);
    }

    [Fact]
    public void InitializeTurnsTheFilterOff()
    {
        var bench = new TestBench();
        bench.Bus.Channel(0x76).Write([0xF5, 0x1C]);

        bench.Bme280Driver.Initialize();

        Assert.Equal(0, bench.Bme280.Config);
    }

    [Fact]
    public void RefusesToMeasureBeforeInitialize()
    {
        var bench = new TestBench();

        Assert.Throws<InvalidOperationException>(() => bench.Bme280Driver.Measure());
        Assert.Equal(0, bench.Bme280.Conversions);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void MeasuresInForcedModeWithTheChosenOversampling(Bme280Oversampling t, Bme280Oversampling p, Bme280Oversampling h)
    {
        var bench = new TestBench();
        bench.Bme280Driver.Initialize();
        bench.Bme280Driver.TemperatureOversampling = t;
        bench.Bme280Driver.PressureOversampling = p;
        bench.Bme280Driver.HumidityOversampling = h;

        Bme280Reading reading = bench.Bme280Driver.Measure();

        Assert.Equal(1, bench.Bme280.Conversions);
        Assert.Equal(((int)t << 5) | ((int)p << 2) | 0b01, bench.Bme280.LastControlMeasurement);
        Assert.Equal((int)h, bench.Bme280.LastHumidityOversampling);
        Assert.Equal(p != Bme280Oversampling.Skipped, reading.HasPressure);
        Assert.Equal(h != Bme280Oversampling.Skipped, reading.HasHumidity);
    }

    [Fact]
    public void ReportsTheCompensatedValuesOfThePartsResults()
    {
        var bench = new TestBench();
        bench.Bme280.AdcTemperature = 530000;
        bench.Bme280.AdcPressure = 400000;
        bench.Bme280.AdcHumidity = 32000;
        bench.Bme280Driver.Initialize();

        Bme280Reading reading = bench.Bme280Driver.Measure();

        var c = Bme280CalibrationValues.DatasheetExample;
        double fine = Bme280Reference.TemperatureFine(530000, c);
        Assert.InRange(reading.CentiCelsius / 100.0 - Bme280Reference.Celsius(fine), -0.015, 0.015);
        Assert.InRange(reading.CentiPascals / 100.0 - Bme280Reference.Pascals(400000, fine, c), -1.01, 1.01);
        Assert.InRange(reading.CentiPercentRelativeHumidity / 100.0 - Bme280Reference.RelativeHumidity(32000, fine, c), -0.025, 0.025);
    }

    [Fact]
    public void RefusesToSkipTemperature()
    {
        var bench = new TestBench();
        bench.Bme280Driver.Initialize();
        bench.Bme280Driver.TemperatureOversampling = Bme280Oversampling.Skipped;

        Assert.Throws<InvalidOperationException>(() => bench.Bme280Driver.Measure());
    }

    [Fact]
    public void WaitsTheMaximumConversionTimeOfItsSettings()
    {
        var bench = new TestBench();
        bench.Bme280Driver.Initialize();
        bench.Bme280Driver.TemperatureOversampling = Bme280Oversampling.X16;
        bench.Bme280Driver.PressureOversampling = Bme280Oversampling.X16;
        bench.Bme280Driver.HumidityOversampling = Bme280Oversampling.X16;
        long before = bench.Clock.Milliseconds;

        bench.Bme280Driver.Measure();

        // 1.25 + 2.3 * 16 * 3 + 2 * 0.575 = 112.8 ms, rounded up.
        Assert.Equal(113, bench.Clock.Milliseconds - before);
    }

    [Fact]
    public void MaximumConversionTimeFollowsTheDatasheetForEverySetting()
    {
        var counts = new Dictionary<Bme280Oversampling, int>
        {
            [Bme280Oversampling.Skipped] = 0,
            [Bme280Oversampling.X1] = 1,
            [Bme280Oversampling.X2] = 2,
            [Bme280Oversampling.X4] = 4,
            [Bme280Oversampling.X8] = 8,
            [Bme280Oversampling.X16] = 16,
        };
        foreach (var (t, tn) in counts.Where(kv => kv.Value > 0))
        {
            foreach (var (p, pn) in counts)
            {
                foreach (var (h, hn) in counts)
                {
                    double ms = 1.25 + 2.3 * tn + (pn > 0 ? 2.3 * pn + 0.575 : 0) + (hn > 0 ? 2.3 * hn + 0.575 : 0);
                    Assert.Equal((int)Math.Ceiling(Math.Round(ms, 6)), Bme280Sensor.MaximumConversionMilliseconds(t, p, h));
                }
            }
        }
    }

    [Fact]
    public void RefusesAPartThatNeverFinishes()
    {
        var bench = new TestBench();
        bench.Bme280Driver.Initialize();
        bench.Bme280.NeverFinishes = true;

        var e = Assert.Throws<SensorException>(() => bench.Bme280Driver.Measure());

        Assert.Equal(SensorFault.Timeout, e.Fault);
        Assert.Contains("still measuring", e.Message);
    }

    [Fact]
    public void RefusesAResultTheConversionDidNotWrite()
    {
        var bench = new TestBench();
        bench.Bme280Driver.Initialize();
        bench.Bme280.AdcPressure = 0x80000;

        var e = Assert.Throws<SensorException>(() => bench.Bme280Driver.Measure());

        Assert.Equal(SensorFault.InvalidData, e.Fault);
        Assert.Contains("pressure", e.Message);
    }

    [Fact]
    public void RefusesANackAndAStuckBus()
    {
        var bench = new TestBench();
        bench.Bme280Driver.Initialize();

        bench.Bus.NackNextTransfers = 1;
        Assert.Equal(SensorFault.NotAcknowledged, Assert.Throws<SensorException>(() => bench.Bme280Driver.Measure()).Fault);

        bench.Bus.Stuck = true;
        var stuck = Assert.Throws<SensorException>(() => bench.Bme280Driver.Measure());
        Assert.Equal(SensorFault.BusFailure, stuck.Fault);
        Assert.Contains("BME280 at 0x76", stuck.Message);

        bench.Bus.Stuck = false;
        bench.Bme280Driver.Measure();
    }
}
