using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ThaliNano.Identity.Tests;

/// <summary>Certificates made by .NET and by the openssl command line, the independent oracles of these tests.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<RSA[]> s_rsaKeys = new(() => new[] { RSA.Create(1024), RSA.Create(2048), RSA.Create(3072) });

    public static RSA[] RsaKeys => s_rsaKeys.Value;

    public static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, string subject = "CN=thali test", bool extensions = true)
    {
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        if (extensions)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    public static byte[] ExpectedKeyId(X509Certificate2 certificate) =>
        SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    /// <summary>Runs openssl; the tests that use it fail (not skip) when it is missing.</summary>
    public static byte[] OpenSsl(string arguments, byte[]? input = null)
    {
        var start = new ProcessStartInfo("openssl", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        if (input != null)
        {
            process.StandardInput.BaseStream.Write(input);
        }

        process.StandardInput.Close();
        using var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        string errors = process.StandardError.ReadToEnd();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl " + arguments + " failed: " + errors);
        }

        return output.ToArray();
    }
}
