using System.Security.Cryptography;
using System.Text;

namespace ThaliNano.Couch.Tests.Fakes;

/// <summary>Principals for tests: base64url (no padding) SHA-256 key ids, as the identity layer makes them.</summary>
public static class Keys
{
    public static readonly string Admin = Of("admin");
    public static readonly string Reader = Of("reader");
    public static readonly string Writer = Of("writer");
    public static readonly string Member = Of("member");
    public static readonly string Stranger = Of("stranger");

    public static string Of(string name) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("key of " + name))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
