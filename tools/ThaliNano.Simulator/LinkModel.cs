namespace ThaliNano.Simulator;

/// <summary>
/// A radio link as the simulation sees it: nodes closer than <see cref="RangeMeters"/> are in contact; each contact
/// costs <see cref="SetupSeconds"/> (discovery, connection, GATT or TLS) and two round trips of
/// <see cref="RoundTripSeconds"/> before its bytes move at <see cref="BytesPerSecond"/>.
/// </summary>
public sealed record LinkModel(double RangeMeters, double BytesPerSecond, double SetupSeconds, double RoundTripSeconds)
{
    /// <summary>BLE 15 m at 40 kB/s; about 2 s to discover and connect, 100 ms a round trip on the GATT channel.</summary>
    public static LinkModel DefaultBle { get; } = new(15, 40_000, 2, 0.1);

    /// <summary>The gateway's Wi-Fi, 30 m at 1 MB/s; 0.5 s to associate and open TLS, 50 ms a round trip.</summary>
    public static LinkModel DefaultWiFi { get; } = new(30, 1_000_000, 0.5, 0.05);

    /// <summary>The bytes a contact session of <paramref name="seconds"/> can move after its setup and two round trips.</summary>
    public long Capacity(double seconds) => (long)Math.Max(0, (seconds - SetupSeconds - (2 * RoundTripSeconds)) * BytesPerSecond);
}
