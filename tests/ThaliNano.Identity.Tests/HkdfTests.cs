using System.Security.Cryptography;

namespace ThaliNano.Identity.Tests;

public sealed class HkdfTests
{
    [Fact]
    public void Hkdf_matches_the_bcl()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] salt = "salt"u8.ToArray();
        byte[] info = "info"u8.ToArray();

        byte[] prk = Hkdf.Extract(salt, secret);

        Assert.Equal(HKDF.Extract(HashAlgorithmName.SHA256, secret, salt), prk);
        Assert.Equal(HKDF.Expand(HashAlgorithmName.SHA256, prk, 32, info), Hkdf.Expand(prk, info, 32));
        Assert.Equal(HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, info), Hkdf.Expand(prk, info, 16));
    }
}
