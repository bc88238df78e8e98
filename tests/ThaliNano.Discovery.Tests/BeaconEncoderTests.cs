namespace ThaliNano.Discovery.Tests;

public class BeaconEncoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(32)]
    public void DeviceIdsAreEightBytes(int length) =>
        Assert.Throws<ArgumentException>(() => new BeaconEncoder(Fleet.Key(1), new byte[length]));

    [Fact]
    public void NullArgumentsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => new BeaconEncoder(null!, Fleet.DeviceId(1)));
        Assert.Throws<ArgumentNullException>(() => new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(0, 0, null!));
    }

    [Theory]
    [InlineData(10u)]
    [InlineData(9u)]
    public void TheCounterMustGrow(uint next)
    {
        var encoder = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1));
        encoder.Encode(0, 10, Fleet.NoHints);

        Assert.Throws<ArgumentException>(() => encoder.Encode(0, next, Fleet.NoHints));
        Assert.Equal(BeaconFormat.PayloadBytes, encoder.Encode(0, 11, Fleet.NoHints).Length);
    }

    [Fact]
    public void SlotsAreTwentyFourBits()
    {
        var encoder = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(BeaconFormat.MaxSlot + 1, 0, Fleet.NoHints));
        Assert.Equal(BeaconFormat.PayloadBytes, encoder.Encode(BeaconFormat.MaxSlot, 0, Fleet.NoHints).Length);
    }

    [Fact]
    public void EncoderKeepsItsOwnCopyOfTheDeviceId()
    {
        var id = Fleet.DeviceId(1);
        var encoder = new BeaconEncoder(Fleet.Key(1), id);
        id[0] ^= 0xFF;

        new BeaconResolver(Fleet.Key(1)).TryResolve(encoder.Encode(0, 0, Fleet.NoHints), 0, out var reading);

        Assert.Equal(Fleet.DeviceId(1), reading!.DeviceId);
    }

    [Fact]
    public void PayloadStartsWithTheVersion() =>
        Assert.Equal(BeaconFormat.Version, new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(3, 4, Fleet.NoHints)[0]);
}
