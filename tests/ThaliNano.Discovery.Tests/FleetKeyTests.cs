using System.Security.Cryptography;
using System.Text;

namespace ThaliNano.Discovery.Tests;

public class FleetKeyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(33)]
    public void OnlySixteenOrThirtyTwoByteKeysAreAccepted(int length) =>
        Assert.Throws<ArgumentException>(() => new FleetKey(new byte[length]));

    [Fact]
    public void NullKeyIsRefused() => Assert.Throws<ArgumentNullException>(() => new FleetKey(null!));

    [Fact]
    public void SubkeysAreHkdfExpandWithOneLabelEach()
    {
        var secret = Fleet.Bytes(7, 32);
        var key = new FleetKey(secret);

        var idKey = HKDF.Expand(HashAlgorithmName.SHA256, secret, 32, Encoding.ASCII.GetBytes("ThaliNano beacon v1 id"));
        var tagKey = HKDF.Expand(HashAlgorithmName.SHA256, secret, 32, Encoding.ASCII.GetBytes("ThaliNano beacon v1 tag"));

        Assert.Equal(idKey[..16], key.IdKey);
        Assert.Equal(tagKey, key.TagKey);
    }

    [Fact]
    public void SixteenByteKeysDeriveTheSameWay()
    {
        var secret = Fleet.Bytes(8, 16);

        var expected = HMACSHA256.HashData(secret, (byte[])[.. Encoding.ASCII.GetBytes("ThaliNano beacon v1 tag"), 1]);

        Assert.Equal(expected, new FleetKey(secret).TagKey);
    }
}
