using System.Text;
using CsCheck;
using ThaliNano.Firmware.Status.Qr;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>The device-side QR encoder: every length it accepts decodes back (ZXing.Net), in the smallest version.</summary>
public sealed class QrCodeTests
{
    [Fact]
    public void Any_text_up_to_the_limit_decodes_back()
    {
        Gen.String[Gen.Char['!', '~'], 1, QrCode.MaxBytes].Sample(text => Assert.Equal(text, Decode(QrCode.Encode(Encoding.ASCII.GetBytes(text)))), iter: 150);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(14, 1)]
    [InlineData(15, 2)]
    [InlineData(84, 5)]
    [InlineData(85, 6)]
    [InlineData(122, 7)]
    [InlineData(180, 9)]
    [InlineData(181, 10)]
    [InlineData(213, 10)]
    public void Each_length_takes_the_smallest_version_at_level_m(int length, int version)
    {
        string text = new('a', length);

        QrCode qr = QrCode.Encode(Encoding.ASCII.GetBytes(text));

        Assert.Equal(version, qr.Version);
        Assert.Equal((version * 4) + 17, qr.Size);
        Assert.Equal(text, Decode(qr));
    }

    [Fact]
    public void An_httpkey_url_fits_version_5()
    {
        string url = "httpkey://127.0.0.1:6985/sha256:" + new string('x', 43) + "/";

        QrCode qr = QrCode.Encode(Encoding.ASCII.GetBytes(url));

        Assert.Equal(5, qr.Version);
        Assert.Equal(url, Decode(qr));
    }

    [Fact]
    public void Past_the_limit_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => QrCode.Encode(new byte[QrCode.MaxBytes + 1]));
        Assert.Contains("at most 213 bytes", e.Message);
        Assert.Throws<ArgumentNullException>(() => QrCode.Encode(null!));
    }

    private static string? Decode(QrCode qr)
    {
        var runs = new List<(int, int, int)>();
        for (int y = 0; y < qr.Size; y++)
        {
            for (int x = 0; x < qr.Size; x++)
            {
                if (qr.IsDark(x, y))
                {
                    runs.Add((x + 4, y + 4, 1));
                }
            }
        }

        return QrSvgReader.Decode(qr.Size + 8, runs);
    }
}
