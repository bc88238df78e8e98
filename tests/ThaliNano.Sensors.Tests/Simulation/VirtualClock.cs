using ThaliNano.Store;

namespace ThaliNano.Sensors.Tests.Simulation;

/// <summary>Virtual time for the drivers' waits, the simulated parts' conversions and the sampler's timestamps: nothing sleeps.</summary>
public sealed class VirtualClock : IDelay, IClock
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const uint DefaultStartUtcSeconds = 1767225600;

    private readonly uint _startUtcSeconds;

    public VirtualClock(uint startUtcSeconds = DefaultStartUtcSeconds)
    {
        _startUtcSeconds = startUtcSeconds;
    }

    public long Milliseconds { get; private set; }

    public uint UtcSeconds => (uint)(_startUtcSeconds + Milliseconds / 1000);

    public void Wait(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        Milliseconds += milliseconds;
    }

    public void Advance(long milliseconds) => Milliseconds += milliseconds;
}
