using ThaliNano.Sensors.Sampling;

namespace ThaliNano.Sensors.Tests.Simulation;

public sealed class SimulatedBattery : IBatteryGauge
{
    public int Percent { get; set; } = 100;
}
