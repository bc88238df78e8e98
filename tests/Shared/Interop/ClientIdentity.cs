using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;

namespace ThaliNano.Tests.Interop;

/// <summary>
/// A client's key and self-signed leaf certificate as PEM files, as a PouchDB or curl client would hold them: what
/// README.md tells users to make with openssl (basicConstraints=critical,CA:FALSE, keyUsage digitalSignature (and
/// keyEncipherment for RSA), extendedKeyUsage clientAuth), the only kind a hub pairs.
/// </summary>
internal sealed class ClientIdentity
{
    private ClientIdentity(string name, string certificatePath, string keyPath, string certificatePem, PublicKeyId keyId)
    {
        Name = name;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        CertificatePem = certificatePem;
        KeyId = keyId;
    }

    public string Name { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string CertificatePem { get; }

    public PublicKeyId KeyId { get; }

    /// <summary>The principal as ACLs name it: the key id in base64url.</summary>
    public string Principal => KeyId.ToBase64Url();

    /// <summary>Where the ThaliKey proof secret is written when the client is paired (base64url text).</summary>
    public string SecretPath => Path.Combine(Path.GetDirectoryName(CertificatePath)!, Name + ".secret");

    /// <summary>Creates an RSA-2048 (or ECDSA P-256) key and leaf certificate in the folder.</summary>
    public static ClientIdentity Create(string folder, string name, bool ecdsa = false)
    {
        Directory.CreateDirectory(folder);
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using X509Certificate2 certificate = CreateLeafCertificate(key, "CN=" + name);
        string certificatePath = Path.Combine(folder, name + ".cert.pem");
        string keyPath = Path.Combine(folder, name + ".key.pem");
        string pem = certificate.ExportCertificatePem() + "\n";
        File.WriteAllText(certificatePath, pem);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        return new ClientIdentity(name, certificatePath, keyPath, pem, PublicKeyId.FromCertificate(certificate.RawData));
    }

    /// <summary>A self-signed client certificate that can never act as a CA, valid for 20 years.</summary>
    public static X509Certificate2 CreateLeafCertificate(AsymmetricAlgorithm key, string subject)
    {
        CertificateRequest request = HubIdentity.CreateLeafRequest(key, subject);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | (key is RSA ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.None), true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
    }
}
