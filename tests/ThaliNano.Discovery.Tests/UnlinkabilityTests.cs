namespace ThaliNano.Discovery.Tests;

/// <summary>
/// Without the fleet key, the beacons of one device over time look like the beacons of different devices: uniformly
/// random bytes after the version byte, with no bit that stays put between rotations. The worst case for the encoder
/// is measured: one device, hints unchanged, slot and counter each advancing by one.
/// </summary>
public class UnlinkabilityTests
{
    private const int Samples = 4096;

    private static readonly FleetKey s_key = Fleet.Key(42);

    [Fact]
    public void EveryNonHeaderBitFlipsHalfTheTimeBetweenRotations()
    {
        var rates = BeaconStatistics.FlipRates(OneDeviceOverTime(Fleet.DeviceId(1)));
        double tolerance = BeaconStatistics.HalfTolerance(Samples - 1);

        Assert.Equal((BeaconFormat.PayloadBytes - 1) * 8, rates.Length);
        Assert.All(rates, rate => Assert.InRange(rate, 0.5 - tolerance, 0.5 + tolerance));
    }

    [Fact]
    public void TheStatisticDetectsAnIdentifierThatDoesNotRotate()
    {
        // The plaintext block a beacon would carry without encryption: the device id bits never flip.
        var plain = Enumerable.Range(0, Samples).Select(i =>
        {
            var beacon = new byte[BeaconFormat.PayloadBytes];
            var block = new byte[BeaconFormat.BlockBytes];
            BeaconBlock.Write(block, Fleet.DeviceId(1), (uint)i, (uint)i, 0);
            block.CopyTo(beacon, BeaconFormat.BlockOffset);
            return beacon;
        }).ToList();
        double tolerance = BeaconStatistics.HalfTolerance(Samples - 1);

        Assert.Contains(BeaconStatistics.FlipRates(plain), rate => Math.Abs(rate - 0.5) > tolerance);
    }

    [Fact]
    public void EveryNonHeaderByteIsUniformForOneDeviceAndAcrossDevices()
    {
        var limit = BeaconStatistics.ChiSquareLimit(255);
        var sameDevice = OneDeviceOverTime(Fleet.DeviceId(1));
        var manyDevices = ManyDevicesInOneSlot();

        for (int position = BeaconStatistics.HeaderBytes; position < BeaconFormat.PayloadBytes; position++)
        {
            Assert.InRange(BeaconStatistics.ByteChiSquare(sameDevice, position), 0, limit);
            Assert.InRange(BeaconStatistics.ByteChiSquare(manyDevices, position), 0, limit);
        }
    }

    [Fact]
    public void ConsecutiveBeaconsOfOneDeviceAreAsFarApartAsBeaconsOfTwoDevices()
    {
        // Bits that differ between two beacons: Binomial(184, 1/2) whether or not they come from the same device.
        const int bits = (BeaconFormat.PayloadBytes - 1) * 8;
        var sameDevice = OneDeviceOverTime(Fleet.DeviceId(1));
        var manyDevices = ManyDevicesInOneSlot();
        var same = Enumerable.Range(1, Samples - 1).Select(i => BeaconStatistics.HammingDistance(sameDevice[i - 1], sameDevice[i])).ToList();
        var different = Enumerable.Range(1, Samples - 1).Select(i => BeaconStatistics.HammingDistance(manyDevices[i - 1], manyDevices[i])).ToList();

        double expectedMean = bits / 2.0;
        double expectedVariance = bits / 4.0;
        double meanTolerance = BeaconStatistics.Sigmas * Math.Sqrt(expectedVariance / same.Count);
        // The sample variance of a near-normal variable has standard deviation variance * sqrt(2 / n).
        double varianceTolerance = BeaconStatistics.Sigmas * expectedVariance * Math.Sqrt(2.0 / same.Count);

        foreach (var distances in new[] { same, different })
        {
            double mean = distances.Average();
            double variance = distances.Sum(d => (d - mean) * (d - mean)) / (distances.Count - 1);
            Assert.InRange(mean, expectedMean - meanTolerance, expectedMean + meanTolerance);
            Assert.InRange(variance, expectedVariance - varianceTolerance, expectedVariance + varianceTolerance);
        }

        Assert.InRange(same.Average() - different.Average(), -meanTolerance * Math.Sqrt(2), meanTolerance * Math.Sqrt(2));
    }

    private static List<byte[]> OneDeviceOverTime(byte[] deviceId)
    {
        var encoder = new BeaconEncoder(s_key, deviceId);
        return [.. Enumerable.Range(0, Samples).Select(i => encoder.Encode((uint)i, (uint)i, Fleet.NoHints))];
    }

    private static List<byte[]> ManyDevicesInOneSlot() =>
        [.. Enumerable.Range(0, Samples).Select(i => new BeaconEncoder(s_key, Fleet.DeviceId(i)).Encode(1000, 1, Fleet.NoHints))];
}
