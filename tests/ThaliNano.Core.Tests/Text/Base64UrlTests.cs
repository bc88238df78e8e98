using CsCheck;
using ThaliNano.Text;

namespace ThaliNano.Core.Tests.Text;

public class Base64UrlTests
{
    [Fact]
    public void EncodesLikeTheBclAndRoundTrips()
    {
        Gen.Byte.Array[0, 200].Sample(data =>
            Base64Url.Encode(data) == System.Buffers.Text.Base64Url.EncodeToString(data)
            && Base64Url.Decode(Base64Url.Encode(data)).AsSpan().SequenceEqual(data));
    }

    [Fact]
    public void EncodesIntoAByteBodyAtAnOffsetTouchingNothingElse()
    {
        Gen.Select(Gen.Byte.Array[0, 200], Gen.Int[0, 10]).Sample((data, at) =>
        {
            string expected = System.Buffers.Text.Base64Url.EncodeToString(data);
            Assert.Equal(expected.Length, Base64Url.EncodedLength(data.Length));
            byte[] body = Enumerable.Repeat((byte)'#', at + expected.Length + 3).ToArray();

            Base64Url.EncodeTo(data, 0, data.Length, body, at);

            Assert.Equal(new string('#', at) + expected + "###", System.Text.Encoding.ASCII.GetString(body));
            Assert.Throws<ArgumentOutOfRangeException>(() => Base64Url.EncodeTo(data, 0, data.Length, body, body.Length - expected.Length + 1));
        });
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void MatchesTheRfc4648TestVectors(string plain, string encoded)
    {
        Assert.Equal(encoded, Base64Url.Encode(System.Text.Encoding.ASCII.GetBytes(plain)));
        Assert.Equal(plain, System.Text.Encoding.ASCII.GetString(Base64Url.Decode(encoded)));
    }

    [Theory]
    [InlineData("Zg==")]   // padding
    [InlineData("Zm9v+A")] // standard alphabet
    [InlineData("Zm9v/A")]
    [InlineData("Z")]      // impossible length
    [InlineData("Zh")]     // non-zero unused bits
    [InlineData("Zm9")]
    [InlineData("Zm 9v")]
    public void RejectsNonCanonicalText(string text)
    {
        Assert.Throws<FormatException>(() => Base64Url.Decode(text));
    }

    [Fact]
    public void EveryTextTheDecoderAcceptsIsTheEncodingOfWhatItDecodesTo()
    {
        Gen.Char["A-Za-z0-9_-=+/"].Array[0, 12].Select(c => new string(c)).Sample(text =>
        {
            byte[] decoded;
            try
            {
                decoded = Base64Url.Decode(text);
            }
            catch (FormatException)
            {
                return true;
            }

            return Base64Url.Encode(decoded) == text;
        });
    }
}
