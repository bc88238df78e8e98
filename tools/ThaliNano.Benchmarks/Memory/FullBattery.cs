using ThaliNano.Sensors.Sampling;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>A full battery: the sampler keeps its base pace.</summary>
internal sealed class FullBattery : IBatteryGauge
{
    public int Percent => 100;
}
