using System.Security.Cryptography;
using ThaliNano.Gateway.Keys;
using ThaliNano.Identity;

namespace ThaliNano.Gateway.Tests;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-keys-").FullName;
    private readonly PublicKeyId _gateway = PublicKeyId.FromHash(SHA256.HashData("gateway"u8));
    private readonly PublicKeyId _sensor = PublicKeyId.FromHash(SHA256.HashData("sensor"u8));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_key_file_round_trips_with_mode_0600_and_loads_into_the_keyring()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string path = Path.Combine(_folder, "sensor.json");
        new SealKeyFile(_sensor, _gateway, secret, aesKeyBytes: 32, database: "garden").Write(path);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        SealKeyFile read = SealKeyFile.Read(path);
        Assert.Equal(_sensor, read.Source);
        Assert.Equal(_gateway, read.Destination);
        Assert.Equal(secret, read.Secret);
        Assert.Equal(32, read.AesKeyBytes);
        GatewayKeyring keyring = GatewayKeyring.Load(_folder, _gateway);
        Assert.NotNull(keyring.Find(_sensor));
        Assert.Null(keyring.Find(_gateway));
        Assert.Equal("garden", keyring.TargetDatabase(_sensor, "readings"));
        Assert.Equal("readings", keyring.TargetDatabase(_gateway, "readings"));
    }

    [Theory]
    [InlineData("""{"format":"thalinano-seal-key/2","source":"S","destination":"D","secret":"AAAAAAAAAAAAAAAAAAAAAA"}""", "format")]
    [InlineData("""{"format":"thalinano-seal-key/1","source":"S","destination":"D","secret":"AAAAAAAAAAAAAAAAAAAAAA","extra":1}""", "extra")]
    [InlineData("""{"format":"thalinano-seal-key/1","source":"nope","destination":"D","secret":"AAAAAAAAAAAAAAAAAAAAAA"}""", "source")]
    [InlineData("""{"format":"thalinano-seal-key/1","source":"S","destination":"D","secret":"AAAA"}""", "16 bytes")]
    [InlineData("""{"format":"thalinano-seal-key/1","source":"S","destination":"D","secret":"AAAAAAAAAAAAAAAAAAAAAA","aesKeyBytes":24}""", "aesKeyBytes")]
    [InlineData("""{"format":"thalinano-seal-key/1","source":"S","destination":"D"}""", "secret")]
    [InlineData("""not json""", "JSON")]
    public void A_file_that_is_not_exactly_a_key_file_is_refused_naming_what_is_wrong(string json, string named)
    {
        string path = Path.Combine(_folder, "bad.json");
        ThaliNano.Drivers.Host.Tls.HubIdentity.WriteSecretFile(path, json.Replace("\"S\"", Quoted(_sensor)).Replace("\"D\"", Quoted(_gateway)));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SealKeyFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void A_key_others_may_read_a_key_for_another_gateway_and_a_repeated_source_are_refused()
    {
        string path = Path.Combine(_folder, "sensor.json");
        new SealKeyFile(_sensor, _gateway, RandomNumberGenerator.GetBytes(16)).Write(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            Assert.Contains("chmod 600", Assert.Throws<InvalidDataException>(() => SealKeyFile.Read(path)).Message);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Contains("not this gateway", Assert.Throws<InvalidDataException>(() => GatewayKeyring.Load(_folder, _sensor)).Message);
        new SealKeyFile(_sensor, _gateway, RandomNumberGenerator.GetBytes(16)).Write(Path.Combine(_folder, "again.json"));
        Assert.Contains("one key per source", Assert.Throws<InvalidDataException>(() => GatewayKeyring.Load(_folder, _gateway)).Message);
    }

    private static string Quoted(PublicKeyId id) => "\"" + id.ToBase64Url() + "\"";
}
