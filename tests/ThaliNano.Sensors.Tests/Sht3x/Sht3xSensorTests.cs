using CsCheck;
using ThaliNano.Sensors.Sht3x;
using ThaliNano.Sensors.Tests.Reference;

namespace ThaliNano.Sensors.Tests.Sht3x;

public class Sht3xSensorTests
{
    // Half a hundredth: the driver rounds to hundredths.
    private const double Rounding = 0.005 + 1e-9;

    [Fact]
    public void InitializeResetsAndTurnsTheHeaterOff()
    {
        var bench = new TestBench();
        Assert.Equal(I2c.I2cStatus.Ok, bench.Bus.Channel(0x44).Write([0x30, 0x6D]));
        Assert.True(bench.Sht3x.HeaterOn);

        bench.Sht3xDriver.Initialize();

        Assert.False(bench.Sht3x.HeaterOn);
        Assert.Equal([0x306D, 0x30A2, 0x3066, 0xF32D], bench.Sht3x.Commands);
    }

    [Fact]
    public void InitializeRefusesAPartWhoseHeaterStaysOn()
    {
        var bench = new TestBench();
        bench.Sht3x.HeaterStuckOn = true;

        var e = Assert.Throws<SensorException>(bench.Sht3xDriver.Initialize);

        Assert.Equal(SensorFault.InvalidData, e.Fault);
        Assert.Contains("heater", e.Message);
    }

    [Fact]
    public void ConvertsEveryRawWordAsTheDatasheetsFormulas()
    {
        var bench = new TestBench();
        bench.Sht3xDriver.Initialize();
        Gen.Int[0, 65535].Select(Gen.Int[0, 65535]).Sample((rawT, rawRh) =>
        {
            bench.Sht3x.RawTemperature = rawT;
            bench.Sht3x.RawHumidity = rawRh;

            Sht3xReading reading = bench.Sht3xDriver.Measure();

            Assert.InRange(reading.CentiCelsius / 100.0 - Sht3xReference.Celsius(rawT), -Rounding, Rounding);
            Assert.InRange(reading.CentiPercentRelativeHumidity / 100.0 - Sht3xReference.RelativeHumidity(rawRh), -Rounding, Rounding);
        }, iter: 2000, threads: 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    public void ConvertsTheEndsOfTheRange(int raw)
    {
        var bench = new TestBench();
        bench.Sht3x.RawTemperature = raw;
        bench.Sht3x.RawHumidity = raw;

        Sht3xReading reading = bench.Sht3xDriver.Measure();

        Assert.Equal((int)Math.Round(Sht3xReference.Celsius(raw) * 100), reading.CentiCelsius);
        Assert.Equal((int)Math.Round(Sht3xReference.RelativeHumidity(raw) * 100), reading.CentiPercentRelativeHumidity);
    }

    [Fact]
    public void ReportsTheConditionsTheSimulatedPartMeasures()
    {
        var bench = new TestBench();
        bench.Sht3x.SetConditions(-12.34, 87.65);

        Sht3xReading reading = bench.Sht3xDriver.Measure();

        // One raw step is 175/65535 °C and 100/65535 %: the reading is within a step of the conditions.
        Assert.InRange(reading.CentiCelsius / 100.0, -12.34 - 0.003 - Rounding, -12.34 + 0.003 + Rounding);
        Assert.InRange(reading.CentiPercentRelativeHumidity / 100.0, 87.65 - 0.002 - Rounding, 87.65 + 0.002 + Rounding);
    }

    [Theory]
    [InlineData(Sht3xRepeatability.High, 0x2400, 15)]
    [InlineData(Sht3xRepeatability.Medium, 0x240B, 6)]
    [InlineData(Sht3xRepeatability.Low, 0x2416, 4)]
    public void SendsTheSingleShotCommandWithoutClockStretchingAndWaitsItsMaximumTime(Sht3xRepeatability repeatability, int command, int maximumMilliseconds)
    {
        var bench = new TestBench();
        bench.Sht3xDriver.Repeatability = repeatability;
        long before = bench.Clock.Milliseconds;

        bench.Sht3xDriver.Measure();

        Assert.Equal(command, bench.Sht3x.Commands[^1]);
        Assert.Equal(maximumMilliseconds, bench.Clock.Milliseconds - before);
    }

    [Fact]
    public void TheSimulatedPartNacksAReadBeforeItsConversionEnds()
    {
        var bench = new TestBench();
        var channel = bench.Bus.Channel(0x44);
        channel.Write([0x24, 0x00]);
        bench.Clock.Advance(14);

        Assert.Equal(I2c.I2cStatus.AddressNotAcknowledged, channel.Read(new byte[6]));
    }

    [Theory]
    [InlineData(true, "temperature")]
    [InlineData(false, "humidity")]
    public void RefusesAWordWhoseCrcDoesNotMatchAndMeasuresAgainAfterwards(bool temperature, string word)
    {
        var bench = new TestBench();
        bench.Sht3x.CorruptNextTemperatureCrc = temperature;
        bench.Sht3x.CorruptNextHumidityCrc = !temperature;

        var e = Assert.Throws<SensorException>(() => bench.Sht3xDriver.Measure());

        Assert.Equal(SensorFault.CrcMismatch, e.Fault);
        Assert.Contains(word, e.Message);
        Assert.Contains("0x44", e.Message);
        Assert.Equal((int)Math.Round(Sht3xReference.Celsius(bench.Sht3x.RawTemperature) * 100), bench.Sht3xDriver.Measure().CentiCelsius);
    }

    [Fact]
    public void RefusesANack()
    {
        var bench = new TestBench();
        bench.Bus.NackNextTransfers = 1;

        var e = Assert.Throws<SensorException>(() => bench.Sht3xDriver.Measure());

        Assert.Equal(SensorFault.NotAcknowledged, e.Fault);
        Assert.Contains("address not acknowledged", e.Message);
    }

    [Fact]
    public void RefusesAMissingPart()
    {
        var bench = new TestBench();
        bench.Bus.Detach(0x44);

        var e = Assert.Throws<SensorException>(bench.Sht3xDriver.Initialize);

        Assert.Equal(SensorFault.NotAcknowledged, e.Fault);
        Assert.Contains("SHT3x at 0x44: soft reset failed", e.Message);
    }

    [Fact]
    public void RefusesAStuckBus()
    {
        var bench = new TestBench();
        bench.Bus.Stuck = true;

        var e = Assert.Throws<SensorException>(() => bench.Sht3xDriver.Measure());

        Assert.Equal(SensorFault.BusFailure, e.Fault);
        Assert.Contains("clock held low", e.Message);
    }
}
