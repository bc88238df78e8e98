using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>
/// Reads the status page's QR code back the way a phone would: the page's inline SVG (a viewBox in modules and one path
/// of <c>Mx yhNv1h-Nz</c> runs) drawn at 4 pixels per module, then decoded by ZXing.Net.
/// </summary>
internal static partial class QrSvgReader
{
    public static string? Read(string html)
    {
        Match svg = Svg().Match(html);
        Assert.True(svg.Success, "no QR code SVG in the page");
        int modules = int.Parse(svg.Groups[1].Value);
        return Decode(modules, Runs().Matches(svg.Groups[2].Value).Select(m =>
            (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value))));
    }

    /// <summary>Decodes a module grid (including its quiet zone) given as dark runs (x, y, length).</summary>
    public static string? Decode(int modules, IEnumerable<(int X, int Y, int Length)> runs)
    {
        const int scale = 4;
        int size = modules * scale;
        byte[] gray = Enumerable.Repeat((byte)255, size * size).ToArray();
        foreach (var (x, y, length) in runs)
        {
            for (int py = y * scale; py < (y + 1) * scale; py++)
            {
                Array.Fill(gray, (byte)0, (py * size) + (x * scale), length * scale);
            }
        }

        var source = new RGBLuminanceSource(gray, size, size, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }

    [GeneratedRegex("<svg [^>]*id=\"qr\" viewBox=\"0 0 (\\d+) \\d+\"[^>]*>.*?<path fill=\"#000\" d=\"([^\"]*)\"/></svg>")]
    private static partial Regex Svg();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\d+z")]
    private static partial Regex Runs();
}
