using System.Security.Cryptography;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Boards.Host.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MeshSettingsTests : IDisposable
{
    private static readonly string s_destination = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)).ToBase64Url();
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-mesh-options-").FullName;

    [Fact]
    public void The_mesh_options_make_a_sensor_for_the_destination_with_the_secret_and_databases()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string path = Secret(Base64Url.Encode(secret) + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var mesh = MeshSettings.From(CommandLine.Parse(["--mesh-destination", s_destination, "--mesh-secret", path, "--mesh-db", "air", "--mesh-db", "water"]))!;

        Assert.Equal(s_destination, mesh.DestinationKeyId.ToBase64Url());
        Assert.Equal(secret, mesh.SharedSecret);
        Assert.Equal(["air", "water"], mesh.Source.Databases);
        Assert.Null(MeshSettings.From(CommandLine.Parse([])));
    }

    [Fact]
    public void A_secret_file_others_may_read_is_refused()
    {
        string path = Secret(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Contains("chmod 600", Assert.Throws<ArgumentException>(() => MeshSettings.ReadSecret(path)).Message);
    }

    [Theory]
    [InlineData("too+short/", "base64url")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA", "at least 16")]
    public void A_secret_that_is_not_16_bytes_of_base64url_is_refused(string text, string reason)
    {
        string path = Secret(text, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => MeshSettings.ReadSecret(path)).Message);
    }

    [Theory]
    [InlineData("--mesh-destination", "x")]
    [InlineData("--mesh-secret", "x")]
    [InlineData("--mesh-db", "readings")]
    public void Mesh_options_come_together(string option, string value)
    {
        Assert.Contains("--mesh-destination and --mesh-secret together", Assert.Throws<ArgumentException>(() => CommandLine.Parse([option, value])).Message);
    }

    [Fact]
    public void A_destination_that_is_not_a_key_id_is_refused()
    {
        string path = Secret(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("key id", Assert.Throws<ArgumentException>(() => MeshSettings.From(CommandLine.Parse(["--mesh-destination", "gateway", "--mesh-secret", path]))).Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Secret(string text, UnixFileMode mode)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
