namespace ThaliNano.Discovery.Tests;

public class BeaconFormatTests
{
    [Fact]
    public void BeaconFitsALegacyAdvertisementBesideTheFlags()
    {
        var payload = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(0, 0, Fleet.NoHints);

        Assert.Equal(BeaconFormat.PayloadBytes, payload.Length);
        Assert.Equal(24, BeaconFormat.PayloadBytes);
        Assert.True(BeaconFormat.LegacyAdvertisementBytes(payload.Length) <= BeaconFormat.LegacyAdvertisementLimit);
        Assert.Equal(31, BeaconFormat.LegacyAdvertisementLimit);
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(24, 31)]
    [InlineData(25, 32)]
    public void LegacyAdvertisementBytesCountFlagsHeaderAndCompanyId(int manufacturerData, int expected) =>
        Assert.Equal(expected, BeaconFormat.LegacyAdvertisementBytes(manufacturerData));

    [Fact]
    public void LegacyAdvertisementBytesRefusesANegativeSize() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BeaconFormat.LegacyAdvertisementBytes(-1));

    [Fact]
    public void CompanyIdDefaultsToTheTestIdAndIsConfigurable()
    {
        Assert.Equal(0xFFFF, BeaconFormat.TestCompanyId);
        Assert.Equal(BeaconFormat.TestCompanyId, new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).CompanyId);
        Assert.Equal(0x1234, new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1), 0x1234).CompanyId);
        Assert.Equal(0x1234, new BeaconResolver(Fleet.Key(1), 0x1234, 1, 8).CompanyId);
    }

    [Theory]
    [InlineData(0L, 0u)]
    [InlineData(899L, 0u)]
    [InlineData(900L, 1u)]
    [InlineData(1_767_225_600L, 1_963_584u)]
    public void SlotAtCountsFifteenMinuteSlotsSince1970(long unixSeconds, uint slot) =>
        Assert.Equal(slot, BeaconFormat.SlotAt(unixSeconds));

    [Theory]
    [InlineData(-1L)]
    [InlineData(900L * 0x1000000)]
    public void SlotAtRefusesTimesOutsideTheSlotRange(long unixSeconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BeaconFormat.SlotAt(unixSeconds));
}
