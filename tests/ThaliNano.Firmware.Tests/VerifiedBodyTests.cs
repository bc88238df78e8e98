using System.Security.Cryptography;
using CsCheck;
using ThaliNano.Http;

namespace ThaliNano.Firmware.Tests;

public sealed class VerifiedBodyTests
{
    [Fact]
    public void The_last_byte_is_handed_out_only_after_the_digest_matched()
    {
        byte[] body = "{\"a\":1}"u8.ToArray();
        var verified = new VerifiedBody(new MemoryStream(body), SHA256.HashData(body));
        byte[] buffer = new byte[body.Length];

        Assert.Equal(body.Length - 1, verified.Read(buffer, 0, buffer.Length));
        Assert.Equal(1, verified.Read(buffer, body.Length - 1, 1));
        Assert.Equal(body, buffer);
        Assert.Equal(0, verified.Read(buffer, 0, buffer.Length));
        Assert.False(verified.Mismatched);
    }

    [Fact]
    public void A_body_that_does_not_match_never_shows_its_last_byte()
    {
        byte[] body = "{\"a\":2}"u8.ToArray();
        var verified = new VerifiedBody(new MemoryStream(body), SHA256.HashData("{\"a\":1}"u8));
        byte[] buffer = new byte[64];

        Assert.Equal(body.Length - 1, verified.Read(buffer, 0, buffer.Length));
        var e = Assert.Throws<HttpException>(() => verified.Read(buffer, 0, buffer.Length));
        Assert.Equal(400, e.StatusCode);
        Assert.Equal(VerifiedBody.MismatchReason, e.Reason);
        Assert.True(verified.Mismatched);
        Assert.Throws<HttpException>(() => verified.ReadByte());
    }

    [Fact]
    public void An_empty_body_is_checked_against_the_digest_of_nothing()
    {
        Assert.Equal(-1, new VerifiedBody(new MemoryStream(), SHA256.HashData([])).ReadByte());
        Assert.Throws<HttpException>(() => new VerifiedBody(new MemoryStream(), SHA256.HashData("x"u8)).ReadByte());
    }

    [Fact]
    public void Any_reads_give_exactly_a_matching_body_and_never_all_of_another()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[1, 40].Array[1, 50], Gen.Bool).Sample((body, sizes, matches) =>
        {
            byte[] digest = matches ? SHA256.HashData(body) : SHA256.HashData([.. body, 0]);
            var verified = new VerifiedBody(new TrickleStream(body), digest);
            var seen = new MemoryStream();
            try
            {
                for (int i = 0; ; i++)
                {
                    byte[] buffer = new byte[sizes[i % sizes.Length]];
                    int read = verified.Read(buffer, 0, buffer.Length);
                    if (read == 0)
                    {
                        break;
                    }

                    seen.Write(buffer, 0, read);
                }
            }
            catch (HttpException)
            {
                return !matches && seen.Length == Math.Max(body.Length - 1, 0);
            }

            return matches && seen.ToArray().SequenceEqual(body);
        }, iter: 2_000);
    }

    /// <summary>Hands out at most 7 bytes per read, as a network body arrives.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));
    }
}
