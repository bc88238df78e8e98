using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ThaliNano.Client.Tests.Exchange;

/// <summary>Reads QR codes back the way a phone's scanner would: ZXing.Net on the pixels (PNG decoded by SkiaSharp).</summary>
internal static partial class QrReader
{
    public static string? ReadPng(byte[] png)
    {
        using SKBitmap bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("not a PNG image");
        byte[] gray = new byte[bitmap.Width * bitmap.Height];
        SKColor[] pixels = bitmap.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            SKColor p = pixels[i];
            gray[i] = (byte)(((p.Red * 299) + (p.Green * 587) + (p.Blue * 114)) / 1000);
        }

        return Read(gray, bitmap.Width, bitmap.Height);
    }

    /// <summary>
    /// Rasterizes QRCoder's SVG (a white background and one path of <c>Mx yhWv1h-Wz</c> runs, in modules of its viewBox)
    /// at 4 pixels per module, then reads it. The SVG must be well-formed XML.
    /// </summary>
    public static string? ReadSvg(string svg)
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        XElement root = XDocument.Parse(svg).Root!;
        int modules = int.Parse(root.Attribute("viewBox")!.Value.Split(' ')[2]);
        string path = root.Element(ns + "path")!.Attribute("d")!.Value;
        const int scale = 4;
        int size = modules * scale;
        byte[] gray = Enumerable.Repeat((byte)255, size * size).ToArray();
        foreach (Match run in Run().Matches(path))
        {
            int x = int.Parse(run.Groups[1].Value);
            int y = int.Parse(run.Groups[2].Value);
            int width = int.Parse(run.Groups[3].Value);
            for (int py = y * scale; py < (y + 1) * scale; py++)
            {
                Array.Fill(gray, (byte)0, (py * size) + (x * scale), width * scale);
            }
        }

        return Read(gray, size, size);
    }

    private static string? Read(byte[] gray, int width, int height)
    {
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\d+z")]
    private static partial Regex Run();
}
