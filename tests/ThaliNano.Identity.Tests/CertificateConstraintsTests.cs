using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ThaliNano.Identity.Tests;

/// <summary>Leaf or not, judged on certificates made by .NET's CertificateRequest and by the openssl command line.</summary>
public sealed class CertificateConstraintsTests
{
    [Fact]
    public void DotNet_leaf_certificates_are_leaves()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Null(CertificateConstraints.NonLeafReason(Make(TestCertificates.RsaKeys[1], ca: false, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment)));
        Assert.Null(CertificateConstraints.NonLeafReason(Make(ec, ca: false, X509KeyUsageFlags.DigitalSignature)));
        Assert.True(CertificateConstraints.IsLeaf(Make(ec, ca: null, keyUsage: null)));
        Assert.True(CertificateConstraints.IsLeaf(Make(ec, ca: false, keyUsage: null)));
        using X509Certificate2 withOtherExtensions = TestCertificates.SelfSigned(ec);
        Assert.True(CertificateConstraints.IsLeaf(withOtherExtensions.RawData));
    }

    [Fact]
    public void DotNet_ca_or_cert_signing_certificates_are_refused_with_the_reason()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Contains("CA:TRUE", CertificateConstraints.NonLeafReason(Make(ec, ca: true, keyUsage: null)));
        Assert.Contains("CA:TRUE", CertificateConstraints.NonLeafReason(Make(ec, ca: true, X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)));
        Assert.Contains("keyCertSign", CertificateConstraints.NonLeafReason(Make(ec, ca: false, X509KeyUsageFlags.KeyCertSign)));
        Assert.Contains("keyCertSign", CertificateConstraints.NonLeafReason(Make(ec, ca: null, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign)));
    }

    [Fact]
    public void Openssl_default_self_signed_certificates_are_cas_and_the_documented_leaf_options_make_leaves()
    {
        string directory = Directory.CreateTempSubdirectory("thali-constraints-").FullName;
        try
        {
            string key = Path.Combine(directory, "key.pem");
            byte[] byDefault = TestCertificates.OpenSsl("req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -subj /CN=ca -days 2 -outform DER");
            Assert.Contains("CA:TRUE", CertificateConstraints.NonLeafReason(byDefault));

            // What README.md and tools/hub.sh tell users to run.
            byte[] leaf = TestCertificates.OpenSsl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + key
                + " -subj /CN=leaf -days 2 -outform DER -addext basicConstraints=critical,CA:FALSE"
                + " -addext keyUsage=digitalSignature,keyEncipherment -addext extendedKeyUsage=clientAuth");
            Assert.Null(CertificateConstraints.NonLeafReason(leaf));

            byte[] signer = TestCertificates.OpenSsl("req -x509 -newkey rsa:2048 -nodes -keyout " + key
                + " -subj /CN=signer -days 2 -outform DER -addext basicConstraints=critical,CA:FALSE -addext keyUsage=keyCertSign");
            Assert.Contains("keyCertSign", CertificateConstraints.NonLeafReason(signer));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Version_1_certificates_are_refused()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] v3 = Make(ec, ca: false, keyUsage: null);
        byte[] v1 = Reencode(v3, tbs => tbs[0] is { Tag: 0xA0 } ? tbs.Skip(1).Where(e => e.Tag != 0xA3).ToList() : tbs);
        Assert.Contains("v1", CertificateConstraints.NonLeafReason(v1));
        byte[] v2 = Reencode(v3, tbs => tbs.Select(e => e.Tag == 0xA0 ? new Element(0xA0, new byte[] { 0x02, 0x01, 0x01 }) : e).Where(e => e.Tag != 0xA3).ToList());
        Assert.Contains("v2", CertificateConstraints.NonLeafReason(v2));
    }

    [Fact]
    public void Malformed_extensions_throw_DerFormatException()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] leaf = Make(ec, ca: false, X509KeyUsageFlags.DigitalSignature);
        byte[] doubled = Reencode(leaf, tbs => tbs.Select(e => e.Tag == 0xA3 ? DoubleExtensions(e) : e).ToList());
        Assert.Throws<DerFormatException>(() => CertificateConstraints.NonLeafReason(doubled));
        Assert.Throws<DerFormatException>(() => CertificateConstraints.NonLeafReason(leaf[..^3]));
        for (int i = 0; i < leaf.Length; i++)
        {
            byte[] mutated = (byte[])leaf.Clone();
            mutated[i] ^= 0x41;
            try
            {
                CertificateConstraints.NonLeafReason(mutated);
            }
            catch (DerFormatException)
            {
                // Refused as malformed: the only exception allowed.
            }
        }
    }

    private static byte[] Make(AsymmetricAlgorithm key, bool? ca, X509KeyUsageFlags? keyUsage)
    {
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest("CN=constraints", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest("CN=constraints", ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        if (ca is bool isCa)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        }

        if (keyUsage is X509KeyUsageFlags flags)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
        return certificate.RawData;
    }

    private sealed record Element(int Tag, byte[] Content);

    // Rewrites the TBSCertificate's fields and re-frames the certificate (the signature no longer matches: not checked).
    private static byte[] Reencode(byte[] certificate, Func<List<Element>, List<Element>> change)
    {
        List<Element> outer = Elements(Elements(certificate)[0].Content);
        outer[0] = new Element(0x30, Concat(change(Elements(outer[0].Content))));
        return Encode(new Element(0x30, Concat(outer)));
    }

    private static Element DoubleExtensions(Element wrapper)
    {
        Element sequence = Elements(wrapper.Content)[0];
        List<Element> extensions = Elements(sequence.Content);
        extensions.AddRange(Elements(sequence.Content));
        return new Element(0xA3, Encode(new Element(0x30, Concat(extensions))));
    }

    private static List<Element> Elements(byte[] data)
    {
        var reader = new System.Formats.Asn1.AsnReader(data, System.Formats.Asn1.AsnEncodingRules.DER);
        var list = new List<Element>();
        while (reader.HasData)
        {
            ReadOnlyMemory<byte> encoded = reader.ReadEncodedValue();
            var inner = new System.Formats.Asn1.AsnReader(encoded, System.Formats.Asn1.AsnEncodingRules.DER);
            list.Add(new Element(encoded.Span[0], inner.PeekContentBytes().ToArray()));
        }

        return list;
    }

    private static byte[] Concat(IEnumerable<Element> elements) => elements.SelectMany(Encode).ToArray();

    private static byte[] Encode(Element element)
    {
        int n = element.Content.Length;
        byte[] length = n < 0x80 ? new[] { (byte)n } : n < 0x100 ? new byte[] { 0x81, (byte)n } : new byte[] { 0x82, (byte)(n >> 8), (byte)n };
        return new[] { (byte)element.Tag }.Concat(length).Concat(element.Content).ToArray();
    }
}
