using ThaliNano.Sensors.Sampling;
using ThaliNano.Sensors.Tests.Reference;
using ThaliNano.Sensors.Tests.Simulation;
using ThaliNano.Store;

namespace ThaliNano.Sensors.Tests.Sampling;

public sealed class SamplerTests : IDisposable
{
    private readonly SamplerBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void WritesOneDocumentPerSensorAndReading()
    {
        _bench.Sensors.Sht3x.RawTemperature = 26000;
        _bench.Sensors.Sht3x.RawHumidity = 30000;
        _bench.Battery.Percent = 87;
        uint at = _bench.Sensors.Clock.UtcSeconds;

        _bench.Sampler.RunCycle();

        Assert.Equal([$"hub-7-sht3x-{at:D10}", $"hub-7-bme280-{at:D10}"], _bench.Ids());
        var sht = _bench.Body($"hub-7-sht3x-{at:D10}");
        Assert.Equal(["sensor", "celsius", "rh", "timestamp", "battery"], sht.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sht3x", sht.GetProperty("sensor").GetString());
        Assert.Equal(Sht3xReference.Celsius(26000), sht.GetProperty("celsius").GetDouble(), 2);
        Assert.Equal(Sht3xReference.RelativeHumidity(30000), sht.GetProperty("rh").GetDouble(), 2);
        Assert.Equal(at, sht.GetProperty("timestamp").GetUInt32());
        Assert.Equal(87, sht.GetProperty("battery").GetInt32());
        var bme = _bench.Body($"hub-7-bme280-{at:D10}");
        Assert.Equal(["sensor", "celsius", "rh", "pa", "timestamp", "battery"], bme.EnumerateObject().Select(p => p.Name));
        double fine = Bme280Reference.TemperatureFine(_bench.Sensors.Bme280.AdcTemperature, Bme280CalibrationValues.DatasheetExample);
        Assert.InRange(bme.GetProperty("pa").GetDouble() - Bme280Reference.Pascals(_bench.Sensors.Bme280.AdcPressure, fine, Bme280CalibrationValues.DatasheetExample), -1.01, 1.01);
        Assert.Equal(2, _bench.Sampler.ReadingsWritten);
    }

    [Fact]
    public void IdsSortByTime()
    {
        for (int i = 0; i < 12; i++)
        {
            _bench.Cycle();
        }

        var ids = _bench.Ids().Where(id => id.StartsWith("hub-7-sht3x-", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void StretchesTheIntervalAsTheBatteryFalls()
    {
        var waits = new List<int>();
        foreach (int percent in new[] { 100, 50, 35, 20, 15 })
        {
            _bench.Battery.Percent = percent;
            waits.Add(_bench.Cycle());
        }

        Assert.Equal([60_000, 60_000, 150_000, 240_000, 480_000], waits);
        Assert.Equal(10, _bench.Sampler.ReadingsWritten);
    }

    [Fact]
    public void StopsUnderTheFloorSaysSoOnceAndResumesAboveTheMargin()
    {
        _bench.Cycle();
        _bench.Battery.Percent = 9;

        Assert.Equal(8 * 60_000, _bench.Cycle());
        Assert.Equal(SamplerState.StoppedLowBattery, _bench.Sampler.State);
        Assert.Contains("under the floor", _bench.Sampler.LastError);
        _bench.Battery.Percent = 14;
        _bench.Cycle();
        _bench.Cycle();

        var notices = _bench.Ids().Where(id => id.StartsWith("hub-7-sampler-", StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("stopped", _bench.Body(notice).GetProperty("event").GetString());
        Assert.Equal(9, _bench.Body(notice).GetProperty("battery").GetInt32());
        Assert.Equal(10, _bench.Body(notice).GetProperty("floor").GetInt32());
        Assert.Equal(2, _bench.Sampler.ReadingsWritten);

        _bench.Battery.Percent = 15;
        _bench.Cycle();

        Assert.Equal(SamplerState.Sampling, _bench.Sampler.State);
        Assert.Equal(4, _bench.Sampler.ReadingsWritten);
    }

    [Fact]
    public void AnUnknownBatteryKeepsSamplingSlowlyWithoutTheField()
    {
        _bench.Battery.Percent = -1;

        Assert.Equal(8 * 60_000, _bench.Cycle());

        Assert.Equal(2, _bench.Sampler.ReadingsWritten);
        Assert.False(_bench.Body(_bench.Ids()[0]).TryGetProperty("battery", out _));
    }

    [Fact]
    public void SkipsAFailedSensorCountsItAndRecoversNextCycle()
    {
        _bench.Cycle();
        _bench.Sensors.Sht3x.CorruptNextHumidityCrc = true;

        Assert.Equal(60_000, _bench.Cycle());

        Assert.Equal(1, _bench.Sampler.SensorErrors);
        Assert.Contains("sht3x: SHT3x at 0x44: humidity word CRC", _bench.Sampler.LastError);
        Assert.Equal(3, _bench.Sampler.ReadingsWritten);
        int resets = _bench.Sensors.Sht3x.Commands.Count(c => c == 0x30A2);
        _bench.Cycle();
        Assert.Equal(5, _bench.Sampler.ReadingsWritten);
        Assert.Equal(resets + 1, _bench.Sensors.Sht3x.Commands.Count(c => c == 0x30A2));
    }

    [Fact]
    public void AStuckBusWritesNothingAndNeverThrows()
    {
        _bench.Sensors.Bus.Stuck = true;

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(60_000, _bench.Cycle());
        }

        Assert.Equal(6, _bench.Sampler.SensorErrors);
        Assert.Empty(_bench.Ids());
        _bench.Sensors.Bus.Stuck = false;
        _bench.Cycle();
        Assert.Equal(2, _bench.Sampler.ReadingsWritten);
    }

    [Fact]
    public void AMissingPartIsSkippedWhileTheOtherIsSampled()
    {
        _bench.Sensors.Bus.Detach(0x76);

        _bench.Cycle();

        Assert.Equal(1, _bench.Sampler.SensorErrors);
        Assert.Contains("BME280 at 0x76: chip id read failed (address not acknowledged)", _bench.Sampler.LastError);
        Assert.Single(_bench.Ids());
    }

    [Fact]
    public void AnUnsetClockWritesNothing()
    {
        var clock = new VirtualClock(Sampler.EarliestValidUtcSeconds - 10);
        var sampler = new Sampler(_bench.Readings, "hub-7", [new Sht3xSource(_bench.Sensors.Sht3xDriver)], _bench.Battery, _bench.Policy, clock);

        Assert.Equal(60_000, sampler.RunCycle());

        Assert.Equal(1, sampler.ClockNotSetCycles);
        Assert.Empty(_bench.Ids());
    }

    [Fact]
    public void AnIdAlreadyTakenIsAWriteFailureNotACrash()
    {
        _bench.Sampler.RunCycle();
        _bench.Sampler.RunCycle();

        Assert.Equal(2, _bench.Sampler.ReadingsWritten);
        Assert.Equal(2, _bench.Sampler.WriteFailures);
        Assert.Contains("hub-7-", _bench.Sampler.LastError);
    }

    [Fact]
    public void AFullDatabaseIsCountedAndSamplingGoesOn()
    {
        using var bench = new SamplerBench(quotaBytes: 600);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(60_000, bench.Cycle());
        }

        Assert.True(bench.Sampler.WriteFailures > 0);
        Assert.Equal(20, bench.Sampler.ReadingsWritten + bench.Sampler.WriteFailures);
        Assert.Equal(bench.Sampler.ReadingsWritten, bench.Ids().Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hub")]
    [InlineData("hub_7")]
    [InlineData("a-very-long-device-name-of-33-chr")]
    public void RefusesADeviceIdThatCannotStartADocumentId(string deviceId) =>
        Assert.Throws<ArgumentException>(() =>
            new Sampler(_bench.Readings, deviceId, [], _bench.Battery, _bench.Policy, _bench.Sensors.Clock));

    [Fact]
    public void RefusesASensorNamedLikeTheNotices() =>
        Assert.Throws<ArgumentException>(() =>
            new Sampler(_bench.Readings, "hub-7", [new NamedSensor("sampler")], _bench.Battery, _bench.Policy, _bench.Sensors.Clock));

    private sealed class NamedSensor(string name) : ISampledSensor
    {
        public string Name => name;

        public void Measure(ReadingFields fields) => throw new InvalidOperationException("not measured in this test");
    }
}
