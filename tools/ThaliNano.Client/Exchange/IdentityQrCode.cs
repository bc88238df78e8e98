using QRCoder;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// Draws an <see cref="IdentityCard"/> as a QR code (QRCoder): byte mode in UTF-8 with its ECI marker, so that any reader
/// decodes display names right, error correction level M (15 % of the symbol may be damaged).
/// </summary>
public static class IdentityQrCode
{
    public const int DefaultPixelsPerModule = 8;

    public static byte[] ToPng(IdentityCard card, int pixelsPerModule = DefaultPixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using QRCodeData data = Encode(card);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string ToSvg(IdentityCard card, int pixelsPerModule = DefaultPixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using QRCodeData data = Encode(card);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }

    private static QRCodeData Encode(IdentityCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return QRCodeGenerator.GenerateQrCode(card.Format(), QRCodeGenerator.ECCLevel.M, forceUtf8: true, utf8BOM: false,
            eciMode: QRCodeGenerator.EciMode.Utf8);
    }
}
