using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tests.Tls;

public sealed class HubIdentityTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("thali-identity-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void CreatesAnRsaIdentityOnFirstStartAndKeepsIt()
    {
        byte[] keyId;
        using (HubIdentity first = HubIdentity.LoadOrCreate(_data))
        {
            Assert.True(first.Created);
            Assert.True(first.Certificate.HasPrivateKey);
            using RSA rsa = first.Certificate.GetRSAPublicKey()!;
            Assert.Equal(2048, rsa.KeySize);
            keyId = SHA256.HashData(first.Certificate.PublicKey.ExportSubjectPublicKeyInfo());
            Assert.Equal(keyId, first.KeyId.ToByteArray());
        }

        using HubIdentity second = HubIdentity.LoadOrCreate(_data);
        Assert.False(second.Created);
        Assert.Equal(keyId, second.KeyId.ToByteArray());
        Assert.True(second.Certificate.HasPrivateKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(_data, "identity", "hub.cert.pem")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_data, "identity", "hub.key.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "identity", "hub.key.pem")));
        }
    }

    [Fact]
    public void PrintsBothHttpkeyFormsOfItsKey()
    {
        using HubIdentity identity = HubIdentity.LoadOrCreate(_data);
        RSAParameters key = identity.Certificate.GetRSAPublicKey()!.ExportParameters(false);
        string published = identity.PublishedUrl("127.0.0.1", 5984, "/mydb");
        string compact = identity.CompactUrl("127.0.0.1", 5984);

        Assert.Equal("httpkey://127.0.0.1:5984/rsapublickey:" + new BigInteger(key.Exponent, true, true) + "."
            + new BigInteger(key.Modulus, true, true) + "/mydb", published);
        Assert.Equal("httpkey://127.0.0.1:5984/sha256:" + System.Buffers.Text.Base64Url.EncodeToString(
            SHA256.HashData(identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo())), compact);
        Assert.Equal(HttpKeyUrl.Parse(published).KeyId, HttpKeyUrl.Parse(compact).KeyId);
    }

    [Fact]
    public void RefusesAHalfPresentIdentity()
    {
        using (HubIdentity.LoadOrCreate(_data))
        {
        }

        File.Delete(Path.Combine(_data, "identity", "hub.key.pem"));
        var error = Assert.Throws<InvalidDataException>(() => HubIdentity.LoadOrCreate(_data));
        Assert.Contains("incomplete", error.Message);
    }
}
