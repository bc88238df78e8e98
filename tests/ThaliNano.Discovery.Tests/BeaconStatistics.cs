namespace ThaliNano.Discovery.Tests;

/// <summary>Statistics an observer without the fleet key can compute over beacons (from byte 1 on: the version
/// byte is the fixed header every fleet beacon shares).</summary>
internal static class BeaconStatistics
{
    public const int HeaderBytes = 1;

    /// <summary>How far a binomial proportion may stray from its expectation in these tests: five standard deviations
    /// (a false alarm per bit about once in 1.7 million; the seeds are fixed, so a run is reproducible).</summary>
    public const double Sigmas = 5;

    /// <summary>For each non-header bit, the share of consecutive pairs in which it changed.</summary>
    public static double[] FlipRates(IReadOnlyList<byte[]> beacons)
    {
        int bits = (beacons[0].Length - HeaderBytes) * 8;
        var flips = new int[bits];
        for (int i = 1; i < beacons.Count; i++)
        {
            for (int bit = 0; bit < bits; bit++)
            {
                if (Bit(beacons[i - 1], bit) != Bit(beacons[i], bit))
                {
                    flips[bit]++;
                }
            }
        }

        return [.. flips.Select(count => (double)count / (beacons.Count - 1))];
    }

    /// <summary>Tolerance for a proportion of p = 0.5 estimated from n trials.</summary>
    public static double HalfTolerance(int n) => Sigmas * 0.5 / Math.Sqrt(n);

    /// <summary>Pearson's chi-square of the byte values at one position against the uniform distribution (255 df).</summary>
    public static double ByteChiSquare(IReadOnlyList<byte[]> beacons, int position)
    {
        var counts = new int[256];
        foreach (var beacon in beacons)
        {
            counts[beacon[position]]++;
        }

        double expected = beacons.Count / 256.0;
        return counts.Sum(count => (count - expected) * (count - expected) / expected);
    }

    /// <summary>
    /// The chi-square value a uniform source exceeds with the probability of a normal variable beyond
    /// <see cref="Sigmas"/>, by the Wilson-Hilferty approximation (df 255: about 384).
    /// </summary>
    public static double ChiSquareLimit(int degreesOfFreedom)
    {
        double k = degreesOfFreedom;
        double cube = 1 - (2 / (9 * k)) + (Sigmas * Math.Sqrt(2 / (9 * k)));
        return k * cube * cube * cube;
    }

    public static int HammingDistance(byte[] a, byte[] b)
    {
        int distance = 0;
        for (int i = HeaderBytes; i < a.Length; i++)
        {
            distance += System.Numerics.BitOperations.PopCount((uint)(a[i] ^ b[i]));
        }

        return distance;
    }

    private static int Bit(byte[] beacon, int bit) => (beacon[HeaderBytes + (bit / 8)] >> (bit % 8)) & 1;
}
