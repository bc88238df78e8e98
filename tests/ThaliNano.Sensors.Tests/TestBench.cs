using ThaliNano.Sensors.Bme280;
using ThaliNano.Sensors.Sht3x;
using ThaliNano.Sensors.Tests.Reference;
using ThaliNano.Sensors.Tests.Simulation;

namespace ThaliNano.Sensors.Tests;

/// <summary>A simulated bus on a virtual clock with an SHT3x at 0x44 and a BME280 at 0x76, and drivers for both.</summary>
public sealed class TestBench
{
    public TestBench(Bme280CalibrationValues? calibration = null)
    {
        Sht3x = new SimulatedSht3x(Clock);
        Bme280 = new SimulatedBme280(Clock, calibration ?? Bme280CalibrationValues.DatasheetExample);
        Bus.Attach(Sht3xSensor.DefaultAddress, Sht3x);
        Bus.Attach(Bme280Sensor.DefaultAddress, Bme280);
        Sht3xDriver = new Sht3xSensor(Bus.Channel(Sht3xSensor.DefaultAddress), Clock);
        Bme280Driver = new Bme280Sensor(Bus.Channel(Bme280Sensor.DefaultAddress), Clock);
    }

    public VirtualClock Clock { get; } = new();

    public SimulatedI2cBus Bus { get; } = new();

    public SimulatedSht3x Sht3x { get; }

    public SimulatedBme280 Bme280 { get; }

    public Sht3xSensor Sht3xDriver { get; }

    public Bme280Sensor Bme280Driver { get; }
}
