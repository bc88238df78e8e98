using CsCheck;
using ThaliNano.Text;

namespace ThaliNano.Core.Tests.Text;

public class HexTests
{
    [Fact]
    public void EncodesLikeTheBclInLowercaseAndRoundTrips()
    {
        Gen.Byte.Array[0, 100].Sample(data =>
            Hex.Encode(data) == Convert.ToHexStringLower(data) && Hex.Decode(Hex.Encode(data)).AsSpan().SequenceEqual(data));
    }

    [Fact]
    public void EncodesASlice()
    {
        Assert.Equal("0aff", Hex.Encode([1, 0x0a, 0xff, 2], 1, 2));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("AB")]
    [InlineData("0g")]
    [InlineData(" 0")]
    public void RejectsAnythingButEvenLengthLowercaseHex(string text)
    {
        Assert.Throws<FormatException>(() => Hex.Decode(text));
    }

    [Fact]
    public void TryDecodeWritesInPlaceAndRefusesWhatDoesNotFit()
    {
        byte[] destination = new byte[4];
        Assert.True(Hex.TryDecode("beef", destination, 2));
        Assert.Equal(new byte[] { 0, 0, 0xbe, 0xef }, destination);
        Assert.False(Hex.TryDecode("beef", destination, 3));
        Assert.False(Hex.TryDecode("bexf", destination, 0));
    }

    [Fact]
    public void DigitValueReadsOneDigitInEitherCase()
    {
        for (var c = 0; c < 0x10000; c++)
        {
            var expected = Uri.IsHexDigit((char)c) ? Convert.FromHexString("0" + (char)c)[0] : -1;
            Assert.Equal(expected, Hex.DigitValue(c));
        }
    }
}
