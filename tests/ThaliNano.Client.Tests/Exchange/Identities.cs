using System.Security.Cryptography;
using System.Text;
using ThaliNano.Identity;

namespace ThaliNano.Client.Tests.Exchange;

/// <summary>httpkey URLs of made-up keys, and seeded "random" sources, for the exchange tests.</summary>
internal static class Identities
{
    public static HttpKeyUrl Url(string name, string host = "192.168.4.1", int port = 6985) =>
        HttpKeyUrl.Create(host, port, PublicKeyId.FromHash(SHA256.HashData(Encoding.UTF8.GetBytes(name))), "");

    public static Func<int, byte[]> Seeded(int seed)
    {
        var random = new Random(seed);
        return count =>
        {
            byte[] bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        };
    }
}
