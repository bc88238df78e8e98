using ThaliNano.Client.Exchange;
using static ThaliNano.Client.Tests.Exchange.Identities;

namespace ThaliNano.Client.Tests.Exchange;

public class IdentityQrCodeTests
{
    private const string Token = "q3Vz9-Tk_2bW8xYcLmN0pA";

    [Fact]
    public void A_png_qr_code_reads_back_as_the_same_identity()
    {
        var card = new IdentityCard(Url("alice"), "Alice's phone", Token);
        byte[] png = IdentityQrCode.ToPng(card);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        IdentityCard read = IdentityCard.Parse(QrReader.ReadPng(png)!);
        Assert.Equal(card.Url, read.Url);
        Assert.Equal("Alice's phone", read.DisplayName);
        Assert.Equal(Token, read.PairingToken);
    }

    [Fact]
    public void An_svg_qr_code_reads_back_as_the_same_identity()
    {
        var card = new IdentityCard(Url("sensor-7", "10.0.0.7", 443), pairingToken: Token);
        IdentityCard read = IdentityCard.Parse(QrReader.ReadSvg(IdentityQrCode.ToSvg(card))!);

        Assert.Equal(card.Format(), read.Format());
        Assert.Null(read.DisplayName);
    }

    [Fact]
    public void A_display_name_outside_ascii_survives_the_qr_code()
    {
        var card = new IdentityCard(Url("zoë"), "Zoë’s Küche 🌱");
        Assert.Equal("Zoë’s Küche 🌱", IdentityCard.Parse(QrReader.ReadPng(IdentityQrCode.ToPng(card, 4))!).DisplayName);
    }

    [Fact]
    public void A_published_rsa_url_fits_in_a_readable_qr_code()
    {
        byte[] modulus = System.Security.Cryptography.RSA.Create(2048).ExportParameters(false).Modulus!;
        var url = Identity.HttpKeyUrl.Create("192.168.4.1", 6985, new Identity.RsaPublicKey(modulus, [1, 0, 1]), "");
        var card = new IdentityCard(url, "hub");

        Assert.Equal(url, IdentityCard.Parse(QrReader.ReadPng(IdentityQrCode.ToPng(card, 4))!).Url);
    }

    [Fact]
    public void A_qr_code_of_something_else_is_read_but_refused()
    {
        string read = QrReader.ReadSvg(new QRCoder.SvgQRCode(QRCoder.QRCodeGenerator.GenerateQrCode("https://example.com/", QRCoder.QRCodeGenerator.ECCLevel.M)).GetGraphic(4))!;
        Assert.Equal("https://example.com/", read);
        Assert.Throws<FormatException>(() => IdentityCard.Parse(read));
    }
}
