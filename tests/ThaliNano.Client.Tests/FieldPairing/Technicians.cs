using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ThaliNano.Client.Tests.FieldPairing;

/// <summary>Technician certificates made by .NET: a good leaf, and each kind the device must refuse.</summary>
internal static class Technicians
{
    private static readonly Lazy<(X509Certificate2, RSA)> s_leaf = new(() => Rsa(2048, ca: false));
    private static readonly Lazy<(X509Certificate2, RSA)> s_ca = new(() => Rsa(2048, ca: true));
    private static readonly Lazy<(X509Certificate2, RSA)> s_small = new(() => Rsa(1024, ca: false));

    public static X509Certificate2 Leaf => s_leaf.Value.Item1;

    public static RSA LeafKey => s_leaf.Value.Item2;

    public static X509Certificate2 Ca => s_ca.Value.Item1;

    public static RSA CaKey => s_ca.Value.Item2;

    public static X509Certificate2 SmallRsa => s_small.Value.Item1;

    public static RSA SmallRsaKey => s_small.Value.Item2;

    public static X509Certificate2 EcLeaf()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ec technician", ec, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static (X509Certificate2, RSA) Rsa(int bits, bool ca)
    {
        var key = RSA.Create(bits);
        var request = new CertificateRequest("CN=technician", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(ca ? usage | X509KeyUsageFlags.KeyCertSign : usage, true));
        return (request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)), key);
    }
}
