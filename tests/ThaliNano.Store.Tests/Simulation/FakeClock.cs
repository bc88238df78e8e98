namespace ThaliNano.Store.Tests.Simulation;

/// <summary>A settable clock for tombstone-retention tests.</summary>
public sealed class FakeClock : IClock
{
    public uint UtcSeconds { get; set; } = 1_700_000_000;
}
