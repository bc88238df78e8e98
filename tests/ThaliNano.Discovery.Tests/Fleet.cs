namespace ThaliNano.Discovery.Tests;

/// <summary>Deterministic keys, device ids and hints for the tests (seeded, so every run sees the same beacons).</summary>
internal static class Fleet
{
    public static readonly BeaconHints NoHints = new(0, 0, false, 0);

    public static byte[] Bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static FleetKey Key(int seed) => new(Bytes(seed, 16));

    public static byte[] DeviceId(int seed) => Bytes(1_000_000 + seed, 8);
}
