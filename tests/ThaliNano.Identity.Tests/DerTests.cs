using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCheck;

namespace ThaliNano.Identity.Tests;

public class DerTests
{
    public static TheoryData<string> EcCurves => new() { "nistP256", "nistP384", "nistP521" };

    [Fact]
    public void ExtractsTheSpkiOfRsaCertificatesLikeDotNet()
    {
        foreach (RSA key in TestCertificates.RsaKeys)
        {
            using X509Certificate2 certificate = TestCertificates.SelfSigned(key);
            Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), X509Der.GetSubjectPublicKeyInfo(certificate.RawData));
            Assert.Equal(TestCertificates.ExpectedKeyId(certificate), PublicKeyId.FromCertificate(certificate.RawData).ToByteArray());
        }
    }

    [Theory]
    [MemberData(nameof(EcCurves))]
    public void ExtractsTheSpkiOfEcCertificatesLikeDotNet(string curve)
    {
        using ECDsa key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        using X509Certificate2 certificate = TestCertificates.SelfSigned(key, "CN=ec, O=Thali", extensions: curve != "nistP384");
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.FromCertificate(certificate.RawData);
        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), spki.GetEncoded());
        Assert.False(spki.IsRsa);
        Assert.Null(spki.RsaKey);
        Assert.Equal(TestCertificates.ExpectedKeyId(certificate), spki.KeyId.ToByteArray());
    }

    [Fact]
    public void ReadsTheRsaModulusAndExponentLikeDotNet()
    {
        foreach (RSA key in TestCertificates.RsaKeys)
        {
            using X509Certificate2 certificate = TestCertificates.SelfSigned(key);
            RSAParameters expected = key.ExportParameters(false);
            RsaPublicKey rsa = SubjectPublicKeyInfo.FromCertificate(certificate.RawData).RsaKey!;
            Assert.Equal(expected.Modulus, rsa.GetModulus());
            Assert.Equal(expected.Exponent, rsa.GetExponent());
            Assert.Equal(key.KeySize, rsa.ModulusBits);
        }
    }

    [Fact]
    public void EncodesRsaKeysExactlyAsDotNetExportsThem()
    {
        foreach (RSA key in TestCertificates.RsaKeys)
        {
            RSAParameters parameters = key.ExportParameters(false);
            var spki = SubjectPublicKeyInfo.FromRsaPublicKey(new RsaPublicKey(parameters.Modulus!, parameters.Exponent!));
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), spki.GetEncoded());
            Assert.Equal(SHA256.HashData(key.ExportSubjectPublicKeyInfo()), spki.KeyId.ToByteArray());
        }
    }

    [Theory]
    [InlineData("-newkey rsa:2048")]
    [InlineData("-newkey ec -pkeyopt ec_paramgen_curve:P-256")]
    [InlineData("-newkey ed25519")]
    public void AgreesWithOpenSslOnCertificatesItMade(string keyOptions)
    {
        string directory = Directory.CreateTempSubdirectory("thali-der-").FullName;
        try
        {
            string keyPath = Path.Combine(directory, "key.pem");
            byte[] certificate = TestCertificates.OpenSsl(
                "req -x509 " + keyOptions + " -nodes -keyout " + keyPath + " -subj /CN=openssl -days 2 -outform DER");
            byte[] publicKeyPem = TestCertificates.OpenSsl("x509 -inform DER -pubkey -noout", certificate);
            byte[] spki = TestCertificates.OpenSsl("pkey -pubin -outform DER", publicKeyPem);

            Assert.Equal(spki, X509Der.GetSubjectPublicKeyInfo(certificate));
            Assert.Equal(SHA256.HashData(spki), PublicKeyId.FromCertificate(certificate).ToByteArray());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void MutatedOrTruncatedCertificatesOnlyEverThrowDerFormatException()
    {
        using X509Certificate2 rsaCertificate = TestCertificates.SelfSigned(TestCertificates.RsaKeys[0]);
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 ecCertificate = TestCertificates.SelfSigned(ec);
        byte[][] originals = { rsaCertificate.RawData, ecCertificate.RawData };

        var mutation = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3], Gen.Int[0, 100_000], Gen.Byte.Array[1, 4]);
        mutation.Sample((which, kind, where, bytes) =>
        {
            byte[] original = originals[which];
            int at = where % original.Length;
            byte[] mutated = kind switch
            {
                0 => original[..at],                                                 // truncate
                1 => Overwrite(original, at, bytes),                                 // corrupt
                2 => [.. original[..at], .. bytes, .. original[at..]],               // insert
                _ => [.. original[..at], .. original[Math.Min(original.Length, at + bytes.Length)..]], // delete
            };
            return ExtractsOrRejects(mutated);
        }, iter: 20_000);
    }

    [Fact]
    public void RandomBytesOnlyEverThrowDerFormatException()
    {
        Gen.Byte.Array[0, 300].Sample(ExtractsOrRejects, iter: 20_000);

        // Random bytes behind a plausible header reach deeper into the parser.
        Gen.Byte.Array[0, 300].Sample(tail => ExtractsOrRejects([0x30, 0x82, 0x01, 0x00, 0x30, 0x81, 0xF0, .. tail]), iter: 5_000);
    }

    [Theory]
    [InlineData("3080", "indefinite length")]
    [InlineData("308105", "non-minimal length")]
    [InlineData("30820005", "non-minimal length")]
    [InlineData("3f0100", "multi-byte tag")]
    [InlineData("30840000000100", "beyond 16 MB")]
    [InlineData("3005", "longer than the data")]
    [InlineData("30", "truncated before its length")]
    [InlineData("3000", "TBSCertificate is missing")]
    public void RejectsBrokenFramingWithAPreciseMessage(string hex, string messagePart)
    {
        var error = Assert.Throws<DerFormatException>(() => X509Der.GetSubjectPublicKeyInfo(Convert.FromHexString(hex)));
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void RejectsTrailingBytesAfterTheCertificate()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned(TestCertificates.RsaKeys[0]);
        var error = Assert.Throws<DerFormatException>(() => X509Der.GetSubjectPublicKeyInfo([.. certificate.RawData, 0]));
        Assert.Contains("trailing", error.Message);
    }

    // A hand-written RSA SubjectPublicKeyInfo with modulus 3233 (0x0ca1) and exponent 65537, then broken one way each.
    private const string AlgorithmRsa = "300d06092a864886f70d0101010500";

    [Theory]
    [InlineData("301d" + AlgorithmRsa + "030c00" + "3009" + "02020ca1" + "0203010001", null)]
    [InlineData("301e" + AlgorithmRsa + "030d00" + "300a" + "0203000ca1" + "0203010001", "non-minimal INTEGER")]
    [InlineData("301d" + AlgorithmRsa + "030c00" + "3009" + "0202f000" + "0203010001", "negative")]
    [InlineData("301c" + AlgorithmRsa + "030b00" + "3008" + "020100" + "0203010001", "zero")]
    [InlineData("301d" + AlgorithmRsa + "030c01" + "3009" + "02020ca1" + "0203010001", "whole number of bytes")]
    [InlineData("301b300b06092a864886f70d010101030c00" + "3009" + "02020ca1" + "0203010001", "rsaEncryption parameters")]
    [InlineData("301e300e06092a864886f70d0101010501ff030c00" + "3009" + "02020ca1" + "0203010001", "NULL with content")]
    [InlineData("301f" + AlgorithmRsa + "030e00" + "3009" + "02020ca1" + "0203010001" + "0500", "trailing")]
    [InlineData("3020" + AlgorithmRsa + "030f00" + "300c" + "02020ca1" + "0203010001" + "020101", "trailing")]
    [InlineData("301d" + "300d0609808648" + "86f70d0101010500" + "030c00" + "3009" + "02020ca1" + "0203010001", "non-minimal sub-identifier")]
    public void DecodesRsaKeysStrictly(string hex, string? messagePart)
    {
        byte[] der = Convert.FromHexString(hex);
        if (messagePart == null)
        {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.Decode(der);
            Assert.Equal(new byte[] { 0x0c, 0xa1 }, spki.RsaKey!.GetModulus());
            Assert.Equal(new byte[] { 0x01, 0x00, 0x01 }, spki.RsaKey.GetExponent());
            Assert.Equal(SHA256.HashData(der), spki.KeyId.ToByteArray());
            Assert.Equal(der, SubjectPublicKeyInfo.FromRsaPublicKey(spki.RsaKey).GetEncoded());
            return;
        }

        var error = Assert.Throws<DerFormatException>(() => SubjectPublicKeyInfo.Decode(der));
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void EncodesArbitraryRsaKeysLikeTheBclAsn1Writer()
    {
        Gen.Select(Gen.Byte.Array[1, 300], Gen.Byte.Array[1, 8]).Where((m, e) => m[0] != 0 && e[0] != 0).Sample((modulus, exponent) =>
        {
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                    writer.WriteNull();
                }

                var key = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
                using (key.PushSequence())
                {
                    key.WriteIntegerUnsigned(modulus);
                    key.WriteIntegerUnsigned(exponent);
                }

                writer.WriteBitString(key.Encode());
            }

            byte[] expected = writer.Encode();
            byte[] actual = SubjectPublicKeyInfo.FromRsaPublicKey(new RsaPublicKey(modulus, exponent)).GetEncoded();
            return expected.AsSpan().SequenceEqual(actual)
                && SubjectPublicKeyInfo.Decode(actual).RsaKey!.Equals(new RsaPublicKey(modulus, exponent));
        });
    }

    private static byte[] Overwrite(byte[] original, int at, byte[] bytes)
    {
        byte[] copy = (byte[])original.Clone();
        for (int i = 0; i < bytes.Length && at + i < copy.Length; i++)
        {
            copy[at + i] ^= (byte)(bytes[i] | 1);
        }

        return copy;
    }

    private static bool ExtractsOrRejects(byte[] data)
    {
        try
        {
            byte[] spki = X509Der.GetSubjectPublicKeyInfo(data);
            SubjectPublicKeyInfo.Decode(spki);
            return true;
        }
        catch (DerFormatException)
        {
            return true;
        }
    }
}
