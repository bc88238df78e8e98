using ThaliNano.Sensors;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>The device sleeps for a conversion; the benchmark does not wait.</summary>
internal sealed class NoDelay : IDelay
{
    public void Wait(int milliseconds)
    {
    }
}
