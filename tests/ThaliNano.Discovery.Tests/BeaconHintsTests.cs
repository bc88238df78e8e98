namespace ThaliNano.Discovery.Tests;

public class BeaconHintsTests
{
    [Fact]
    public void EveryHintsByteRoundTrips()
    {
        for (int value = 0; value < 256; value++)
        {
            Assert.Equal((byte)value, BeaconHints.FromByte((byte)value).ToByte());
        }
    }

    [Fact]
    public void FieldsTakeTheirDocumentedBits()
    {
        var hints = new BeaconHints(bundlesWaiting: 5, storagePressure: 2, pairingMode: true, batteryLevel: 1);

        Assert.Equal(0b01_1_10_101, hints.ToByte());
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(8, 0, 0)]
    [InlineData(0, -1, 0)]
    [InlineData(0, 4, 0)]
    [InlineData(0, 0, -1)]
    [InlineData(0, 0, 4)]
    public void OutOfRangeHintsAreRefused(int bundles, int storage, int battery) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BeaconHints(bundles, storage, false, battery));
}
