using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tls;

/// <summary>
/// The host board's own identity: an RSA-2048 key and a self-signed certificate, created on first start and kept as
/// PEM in <c>&lt;data folder&gt;/identity/</c>. RSA because the published httpkey form can only name RSA keys, and
/// mbedTLS (ESP32), OpenSSL (Node, curl) and .NET all speak it.
/// </summary>
public sealed class HubIdentity : IDisposable
{
    public const string FolderName = "identity";
    public const string CertificateFileName = "hub.cert.pem";
    public const string KeyFileName = "hub.key.pem";
    public const int KeySizeInBits = 2048;

    /// <summary>Modes of the secret files (0600) and of the folders holding them (0700) on Unix.</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private HubIdentity(X509Certificate2 certificate, string certificatePem, string folder, bool created)
    {
        Certificate = certificate;
        CertificatePem = certificatePem;
        Folder = folder;
        Created = created;
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.FromCertificate(certificate.RawData);
        KeyId = spki.KeyId;
        RsaKey = spki.RsaKey ?? throw new InvalidDataException("the hub certificate in " + folder + " does not carry an RSA key");
    }

    /// <summary>The certificate with its private key, ready for <see cref="System.Net.Security.SslStream"/>.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as PEM: what peers pin or install (the ESP32 puts it in its CA bundle).</summary>
    public string CertificatePem { get; }

    /// <summary>The hub's principal: SHA-256 of its SubjectPublicKeyInfo.</summary>
    public PublicKeyId KeyId { get; }

    public RsaPublicKey RsaKey { get; }

    /// <summary>The folder holding the PEM files.</summary>
    public string Folder { get; }

    /// <summary>True when this call generated the identity (first start).</summary>
    public bool Created { get; }

    /// <summary>Loads the identity from the data folder, creating key and certificate on first use.</summary>
    public static HubIdentity LoadOrCreate(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        string folder = Path.Combine(dataFolder, FolderName);
        string certificatePath = Path.Combine(folder, CertificateFileName);
        string keyPath = Path.Combine(folder, KeyFileName);
        bool created = false;
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            if (File.Exists(certificatePath) != File.Exists(keyPath))
            {
                throw new InvalidDataException("the hub identity in " + folder + " is incomplete: one of "
                    + CertificateFileName + " and " + KeyFileName + " is missing; restore it or delete both to make a new identity");
            }

            CreatePrivateFolder(folder);
            using RSA key = RSA.Create(KeySizeInBits);
            using X509Certificate2 certificate = CreateSelfSigned(key, "CN=ThaliNano hub");
            WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), secret: true);
            WriteAtomically(certificatePath, certificate.ExportCertificatePem(), secret: false);
            created = true;
        }

        else
        {
            // Identities made before the modes were enforced, or loosened since: the key is readable by its owner only.
            MakePrivate(folder, PrivateFolderMode);
            MakePrivate(keyPath, PrivateFileMode);
        }

        string certificatePem = File.ReadAllText(certificatePath);
        return new HubIdentity(LoadWithKey(certificatePem, File.ReadAllText(keyPath)), certificatePem, folder, created);
    }

    /// <summary>
    /// Writes a secret (a proof secret, a private key) readable and writable by this user only: mode 0600 through a
    /// temporary file renamed over <paramref name="path"/>, in a folder created with mode 0700 when it does not exist.
    /// </summary>
    public static void WriteSecretFile(string path, string text)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null && !Directory.Exists(folder))
        {
            CreatePrivateFolder(folder);
        }

        WriteAtomically(path, text, secret: true);
    }

    /// <summary>Creates a folder (and its missing parents) with mode 0700 on Unix.</summary>
    public static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: make each missing one.
            var missing = new Stack<string>();
            for (string? f = Path.GetFullPath(folder); f != null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
            {
                missing.Push(f);
            }

            while (missing.Count > 0)
            {
                Directory.CreateDirectory(missing.Pop(), PrivateFolderMode);
            }

            MakePrivate(folder, PrivateFolderMode);
        }
    }

    /// <summary>A self-signed certificate for TLS as server and client, valid for 20 years, usable on 127.0.0.1.</summary>
    public static X509Certificate2 CreateSelfSigned(AsymmetricAlgorithm key, string subject)
    {
        CertificateRequest request = CreateLeafRequest(key, subject);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | (key is RSA ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.KeyAgreement), true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2") }, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
    }

    /// <summary>
    /// A certificate request (SHA-256) for an RSA or ECDSA key with basicConstraints critical CA:FALSE: the start of
    /// every leaf certificate, which is all a hub pairs and all it is itself.
    /// </summary>
    public static CertificateRequest CreateLeafRequest(AsymmetricAlgorithm key, string subject)
    {
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("only RSA and ECDSA keys are supported", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request;
    }

    /// <summary>Combines PEM certificate and PEM private key into a certificate SslStream can serve with, on every OS.</summary>
    public static X509Certificate2 LoadWithKey(string certificatePem, string keyPem)
    {
        using X509Certificate2 ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        // Windows' TLS stack needs a key it can find by name, which a PKCS#12 round trip provides.
        return OperatingSystem.IsWindows()
            ? X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null)
            : new X509Certificate2(ephemeral);
    }

    /// <summary>The published httpkey URL of this hub: <c>httpkey://host:port/rsapublickey:e.m/path</c>.</summary>
    public string PublishedUrl(string host, int port, string path = "") => HttpKeyUrl.Create(host, port, RsaKey, path).ToPublishedString();

    /// <summary>The compact httpkey URL of this hub: <c>httpkey://host:port/sha256:&lt;key id&gt;/path</c>.</summary>
    public string CompactUrl(string host, int port, string path = "") => HttpKeyUrl.Create(host, port, KeyId, path).ToCompactString();

    public void Dispose() => Certificate.Dispose();

    private static void WriteAtomically(string path, string text, bool secret)
    {
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileMode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            if (secret && !OperatingSystem.IsWindows())
            {
                // The create mode only applies to a new file: a temporary file left behind keeps its old mode.
                File.SetUnixFileMode(stream.SafeFileHandle, PrivateFileMode);
            }

            writer.Write(text);
            writer.Write('\n');
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void MakePrivate(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != mode)
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
