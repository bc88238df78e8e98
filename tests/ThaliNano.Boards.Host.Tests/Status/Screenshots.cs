using Microsoft.Playwright;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ThaliNano.Boards.Host.Tests.Status;

/// <summary>
/// Saves full-page screenshots under the test output (<c>bin/.../screenshots/NAME.png</c>) and checks them as images:
/// a PNG of the viewport's width and a plausible height, mostly white page with dark text on it, and (where the page has
/// one) a QR code that a phone's reader (ZXing.Net on the pixels) decodes.
/// </summary>
internal static class Screenshots
{
    public const int Width = 1000;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Takes, saves and checks a screenshot; returns the decoded image.</summary>
    public static async Task<SKBitmap> TakeAsync(IPage page, string name, int minHeight)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, name + ".png");
        byte[] png = await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.Equal(png, await File.ReadAllBytesAsync(path));
        Assert.True(png.Length > 2000, $"{name}: a PNG of {png.Length} bytes");

        SKBitmap bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException(name + " is not a PNG");
        Assert.Equal(Width, bitmap.Width);
        Assert.InRange(bitmap.Height, minHeight, 20_000);
        (double white, double dark) = Shares(bitmap);
        Assert.True(white > 0.6, $"{name}: only {white:P0} of the pixels are white: not the page's white background");
        Assert.True(dark > 0.005, $"{name}: only {dark:P1} of the pixels are dark: no text rendered");
        return bitmap;
    }

    /// <summary>What a QR code in the image says, or null.</summary>
    public static string? ReadQr(SKBitmap bitmap)
    {
        byte[] gray = Gray(bitmap);
        var source = new RGBLuminanceSource(gray, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }

    private static (double White, double Dark) Shares(SKBitmap bitmap)
    {
        byte[] gray = Gray(bitmap);
        return (gray.Count(g => g >= 245) / (double)gray.Length, gray.Count(g => g < 100) / (double)gray.Length);
    }

    private static byte[] Gray(SKBitmap bitmap)
    {
        SKColor[] pixels = bitmap.Pixels;
        byte[] gray = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            gray[i] = (byte)(((pixels[i].Red * 299) + (pixels[i].Green * 587) + (pixels[i].Blue * 114)) / 1000);
        }

        return gray;
    }
}
