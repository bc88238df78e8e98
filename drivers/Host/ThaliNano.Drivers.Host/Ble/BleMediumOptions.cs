namespace ThaliNano.Drivers.Host.Ble;

/// <summary>
/// The radio model of a <see cref="SimulatedBleMedium"/>. Defaults follow the field study in the mesh brief: BLE as a
/// 15 m disc at 40 kB/s per link.
/// </summary>
public sealed record BleMediumOptions
{
    /// <summary>Radios within this distance hear each other; a connection drops when its ends move further apart.</summary>
    public double RangeMetres { get; init; } = 15;

    /// <summary>Chance that one advertising event is not heard by one scanner (drawn per event and scanner).</summary>
    public double AdvertisementLossProbability { get; init; }

    /// <summary>Air time plus stack delay of one packet, added after its bytes are transmitted.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Value bytes per second one connection carries, both directions sharing it.</summary>
    public int ThroughputBytesPerSecond { get; init; } = 40_000;

    /// <summary>The ATT MTU a radio offers unless it is added with another.</summary>
    public int DefaultMtu { get; init; } = 247;

    public TimeSpan AdvertisingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Each advertising event is delayed by a random 0-10 ms, as the specification's advDelay.</summary>
    public TimeSpan AdvertisingJitter { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How much of each scan interval the scanner listens; equal to the interval for continuous scanning.</summary>
    public TimeSpan ScanWindow { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Connection establishment and MTU exchange.</summary>
    public TimeSpan ConnectionSetup { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Seed of the medium's Random (loss, jitter): a run is reproducible.</summary>
    public int Seed { get; init; } = 1;
}
