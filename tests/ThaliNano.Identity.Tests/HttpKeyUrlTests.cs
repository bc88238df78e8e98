using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCheck;

namespace ThaliNano.Identity.Tests;

public class HttpKeyUrlTests
{
    // The hand-encoded SubjectPublicKeyInfo of the RSA key (e = 65537, m = 3233), see DerTests.
    private static readonly byte[] s_tinyKeySpki = Convert.FromHexString(
        "301d300d06092a864886f70d0101010500030c0030090202" + "0ca10203010001");

    [Fact]
    public void ParsesThePublishedFormIntoTheKeyAndItsSpkiHash()
    {
        HttpKeyUrl url = HttpKeyUrl.Parse("httpkey://example.com:8443/rsapublickey:65537.3233/db/doc");

        Assert.Equal("example.com", url.Host);
        Assert.Equal(8443, url.Port);
        Assert.Equal("/db/doc", url.Path);
        Assert.Equal(HttpKeyForm.RsaPublicKey, url.Form);
        Assert.Equal(new byte[] { 0x0c, 0xa1 }, url.RsaKey!.GetModulus());
        Assert.Equal(new byte[] { 0x01, 0x00, 0x01 }, url.RsaKey.GetExponent());
        Assert.Equal(SHA256.HashData(s_tinyKeySpki), url.KeyId.ToByteArray());
        Assert.Equal("https://example.com:8443/db/doc", url.ToHttpsUrl());
        Assert.Equal("httpkey://example.com:8443/sha256:" + Base64UrlOf(SHA256.HashData(s_tinyKeySpki)) + "/db/doc", url.ToCompactString());

        // The README's example, computed with Python's hashlib.
        Assert.Equal("httpkey://example.com:8443/sha256:1dMGIUnhSzE4AL05BREwsL4oYmodp25a6HH9a6CB5BM/db/doc", url.ToCompactString());
    }

    [Fact]
    public void FormatsTheDecimalsOfARealKeyAsSystemNumericsDoes()
    {
        foreach (RSA key in TestCertificates.RsaKeys)
        {
            using X509Certificate2 certificate = TestCertificates.SelfSigned(key);
            RSAParameters parameters = key.ExportParameters(false);
            string expected = "httpkey://127.0.0.1:5984/rsapublickey:"
                + new BigInteger(parameters.Exponent, isUnsigned: true, isBigEndian: true) + "."
                + new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true) + "/mydb";

            var rsa = SubjectPublicKeyInfo.FromCertificate(certificate.RawData).RsaKey!;
            HttpKeyUrl url = HttpKeyUrl.Create("127.0.0.1", 5984, rsa, "/mydb");

            Assert.Equal(expected, url.ToString());
            Assert.Equal(TestCertificates.ExpectedKeyId(certificate), HttpKeyUrl.Parse(expected).KeyId.ToByteArray());
            Assert.True(HttpKeyUrl.Parse(expected).Accepts(certificate.RawData));
        }
    }

    [Fact]
    public void BothFormsOfOneKeyNameTheSamePrincipal()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned(TestCertificates.RsaKeys[1]);
        var published = HttpKeyUrl.Create("hub.local", 443, SubjectPublicKeyInfo.FromCertificate(certificate.RawData).RsaKey!, "");
        HttpKeyUrl compact = HttpKeyUrl.Parse(published.ToCompactString());

        Assert.Equal(HttpKeyForm.Sha256, compact.Form);
        Assert.Null(compact.RsaKey);
        Assert.Equal(published.KeyId, compact.KeyId);
        Assert.Equal("httpkey://hub.local:443/sha256:" + Base64UrlOf(TestCertificates.ExpectedKeyId(certificate)), compact.ToString());
        Assert.Equal("https://hub.local:443/", compact.ToHttpsUrl());
        Assert.Throws<InvalidOperationException>(() => compact.ToPublishedString());
    }

    [Fact]
    public void RoundTripsGeneratedUrlsInBothForms()
    {
        var host = Gen.OneOf(
            Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789.-"].Array[1, 30].Select(c => new string(c)),
            Gen.Byte.Array[4].Select(b => string.Join('.', b)),
            Gen.Const("[::1]"),
            Gen.Const("[fe80::1:2]"));
        var path = Gen.OneOf(
            Gen.Const(""),
            Gen.Char["abcxyzABCXYZ0189/_~.!$&'()*+,;=:@-"].Array[0, 20].Select(c => "/" + new string(c)),
            Gen.Const("/db%3Dname/_local/x%2Fy"));
        var modulus = Gen.Byte.Array[1, 128].Where(b => b[0] != 0);
        var exponent = Gen.Byte.Array[1, 4].Where(b => b[0] != 0);

        Gen.Select(host, Gen.Int[1, 65535], path, modulus, exponent).Sample((h, port, p, m, e) =>
        {
            var rsa = new RsaPublicKey(m, e);
            HttpKeyUrl published = HttpKeyUrl.Create(h, port, rsa, p);
            HttpKeyUrl reparsed = HttpKeyUrl.Parse(published.ToString());
            HttpKeyUrl compact = HttpKeyUrl.Parse(published.ToCompactString());
            string expectedText = "httpkey://" + h + ":" + port + "/rsapublickey:"
                + new BigInteger(e, isUnsigned: true, isBigEndian: true) + "."
                + new BigInteger(m, isUnsigned: true, isBigEndian: true) + p;

            return published.ToString() == expectedText
                && reparsed.Equals(published) && reparsed.RsaKey!.Equals(rsa)
                && reparsed.Host == h && reparsed.Port == port && reparsed.Path == p
                && compact.KeyId == published.KeyId && compact.Path == p
                && HttpKeyUrl.Parse(compact.ToString()).Equals(compact);
        }, iter: 2_000);
    }

    [Theory]
    [InlineData("http://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "starts with")]
    [InlineData("HTTPKEY://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "starts with")]
    [InlineData("httpkey://h/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "no port")]
    [InlineData("httpkey://h:0/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "port")]
    [InlineData("httpkey://h:65536/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "port")]
    [InlineData("httpkey://h:080/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "port")]
    [InlineData("httpkey://h:8x/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "port")]
    [InlineData("httpkey://:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "empty host")]
    [InlineData("httpkey://us er:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "host may only")]
    [InlineData("httpkey://u@h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "host may only")]
    [InlineData("httpkey://[::1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "closing")]
    [InlineData("httpkey://[::g]:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "IPv6")]
    [InlineData("httpkey://h:1", "no key")]
    [InlineData("httpkey://h:1/", "key-type")]
    [InlineData("httpkey://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "43")]
    [InlineData("httpkey://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "43")]
    [InlineData("httpkey://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "43")]
    [InlineData("httpkey://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "43")]
    [InlineData("httpkey://h:1/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", "43")]
    [InlineData("httpkey://h:1/SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "unknown httpkey key type")]
    [InlineData("httpkey://h:1/ecpublickey:1.2", "unknown httpkey key type")]
    [InlineData("httpkey://h:1/rsa:65537.3233", "unknown httpkey key type")]
    [InlineData("httpkey://h:1/rsapublickey:65537", "<exponent>.<modulus>")]
    [InlineData("httpkey://h:1/rsapublickey:.3233", "at least one digit")]
    [InlineData("httpkey://h:1/rsapublickey:65537.", "at least one digit")]
    [InlineData("httpkey://h:1/rsapublickey:065537.3233", "leading zeros")]
    [InlineData("httpkey://h:1/rsapublickey:65537.03233", "leading zeros")]
    [InlineData("httpkey://h:1/rsapublickey:0.3233", "positive")]
    [InlineData("httpkey://h:1/rsapublickey:65537.0", "positive")]
    [InlineData("httpkey://h:1/rsapublickey:+65537.3233", "digits 0-9")]
    [InlineData("httpkey://h:1/rsapublickey:65537.32 33", "digits 0-9")]
    [InlineData("httpkey://h:1/rsapublickey:65537.3233.1", "digits 0-9")]
    [InlineData("httpkey://h:1/rsapublickey:65537.3233/db?x=1", "query")]
    [InlineData("httpkey://h:1/rsapublickey:65537.3233/db#x", "query")]
    [InlineData("httpkey://h:1/rsapublickey:65537.3233/d b", "percent-encoded")]
    [InlineData("httpkey://h:1/rsapublickey:65537.3233/db%2", "two hex digits")]
    [InlineData("httpkey://h:1/rsapublickey:65537.3233/db%zz", "two hex digits")]
    public void RejectsMalformedUrlsWithAPreciseMessage(string url, string messagePart)
    {
        var error = Assert.Throws<FormatException>(() => HttpKeyUrl.Parse(url));
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void RefusesModuliLargerThan8192Bits()
    {
        string limit = (BigInteger.One << 8192) - 1 + "";
        string over = (BigInteger.One << 8192) + "";
        Assert.Equal(1024, HttpKeyUrl.Parse("httpkey://h:1/rsapublickey:65537." + limit).RsaKey!.GetModulus().Length);
        var error = Assert.Throws<FormatException>(() => HttpKeyUrl.Parse("httpkey://h:1/rsapublickey:65537." + over));
        Assert.Contains("larger than 8192 bits", error.Message);
        Assert.Throws<FormatException>(() => HttpKeyUrl.Parse("httpkey://h:1/rsapublickey:65537." + new string('9', 5000)));
    }

    [Fact]
    public void AcceptsOnlyTheCertificateOfThePinnedKeyWhateverItsName()
    {
        using X509Certificate2 server = TestCertificates.SelfSigned(TestCertificates.RsaKeys[0], "CN=some other host");
        using X509Certificate2 sameKeyOtherName = TestCertificates.SelfSigned(TestCertificates.RsaKeys[0], "CN=evil.example", extensions: false);
        using X509Certificate2 otherKey = TestCertificates.SelfSigned(TestCertificates.RsaKeys[1]);
        HttpKeyUrl url = HttpKeyUrl.Create("localhost", 1, PublicKeyId.FromHash(TestCertificates.ExpectedKeyId(server)), "");

        Assert.True(url.Accepts(server.RawData));
        Assert.True(url.Accepts(sameKeyOtherName.RawData));
        Assert.False(url.Accepts(otherKey.RawData));
        Assert.False(url.Accepts(server.RawData[..^1]));
        Assert.False(url.Accepts(Array.Empty<byte>()));
        Assert.False(PinValidator.Matches(server.RawData, null!));
    }

    [Fact]
    public void RejectsBadArgumentsWhenCreating()
    {
        var id = PublicKeyId.FromHash(new byte[32]);
        Assert.Throws<ArgumentException>(() => HttpKeyUrl.Create("h/x", 1, id, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => HttpKeyUrl.Create("h", 0, id, ""));
        Assert.Throws<ArgumentException>(() => HttpKeyUrl.Create("h", 1, id, "db"));
        Assert.Throws<ArgumentException>(() => HttpKeyUrl.Create("h", 1, id, "/d?b"));
    }

    [Fact]
    public void ConvertsDecimalsBothWaysLikeSystemNumerics()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var expected = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            string text = DecimalNumber.FromBytes(bytes);
            byte[] back = DecimalNumber.ToBytes(text, Math.Max(1, bytes.Length));
            return text == expected.ToString() && back.AsSpan().SequenceEqual(expected.ToByteArray(isUnsigned: true, isBigEndian: true));
        }, iter: 5_000);

        Gen.Char["0123456789"].Array[1, 120].Where(d => d[0] != '0' || d.Length == 1).Select(d => new string(d)).Sample(text =>
        {
            var expected = BigInteger.Parse(text);
            return DecimalNumber.ToBytes(text, 64).AsSpan().SequenceEqual(expected.ToByteArray(isUnsigned: true, isBigEndian: true))
                && DecimalNumber.FromBytes(DecimalNumber.ToBytes(text, 64)) == text;
        }, iter: 5_000);
    }

    [Theory]
    [InlineData(new byte[0], "0")]
    [InlineData(new byte[] { 0, 0 }, "0")]
    [InlineData(new byte[] { 1, 0, 1 }, "65537")]
    [InlineData(new byte[] { 0x3b, 0x9a, 0xca, 0x00 }, "1000000000")]
    [InlineData(new byte[] { 0x3b, 0x9a, 0xc9, 0xff }, "999999999")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, "18446744073709551615")]
    public void ConvertsKnownValues(byte[] bytes, string text)
    {
        Assert.Equal(text, DecimalNumber.FromBytes(bytes));
    }

    [Fact]
    public void BoundsTheSizeOfDecimalsItParses()
    {
        Assert.Equal(new byte[] { 0xff }, DecimalNumber.ToBytes("255", 1));
        Assert.Throws<FormatException>(() => DecimalNumber.ToBytes("256", 1));
        Assert.Throws<FormatException>(() => DecimalNumber.ToBytes("18446744073709551616", 8));
        Assert.Equal(8, DecimalNumber.ToBytes("18446744073709551615", 8).Length);
    }

    private static string Base64UrlOf(byte[] data) => System.Buffers.Text.Base64Url.EncodeToString(data);
}
