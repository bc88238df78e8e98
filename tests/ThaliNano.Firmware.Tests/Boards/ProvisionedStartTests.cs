using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Store;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Tests.Boards;

public sealed class ProvisionedStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-provisioned-").FullName;
    private readonly PairingRegistry _registry;
    private readonly FieldTokenStore _tokens;
    private readonly byte[] _verifier = RandomNumberGenerator.GetBytes(32);

    public ProvisionedStartTests()
    {
        _registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), new StoreOptions());
        _tokens = new FieldTokenStore(_registry);
        File.WriteAllText(FieldTokenPath, Base64Url.Encode(_verifier) + "\n");
        File.WriteAllText(FleetKeyPath, Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
        File.WriteAllText(MeshSecretPath, Base64Url.Encode(RandomNumberGenerator.GetBytes(32)) + "\n");
    }

    private string FieldTokenPath => Path.Combine(_folder, "fieldtoken.key");

    private string FleetKeyPath => Path.Combine(_folder, "fleet.key");

    private string MeshSecretPath => Path.Combine(_folder, "mesh.secret");

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private ProvisionedStart Start(JsonObject? settings = null, bool mesh = true)
    {
        settings ??= DeviceSettingsTests.Provisioned();
        if (!mesh)
        {
            settings.Remove("meshDestination");
            settings.Remove("meshSecretPath");
        }

        return new ProvisionedStart(DeviceSettingsTests.Parse(settings), FieldTokenPath, FleetKeyPath, mesh ? MeshSecretPath : null);
    }

    [Fact]
    public void The_first_start_imports_the_field_token_verifier_and_deletes_its_file()
    {
        Assert.True(Start().ImportFieldToken(_tokens));

        Assert.Equal(_verifier, _tokens.LoadTokenKey());
        Assert.False(File.Exists(FieldTokenPath));
    }

    [Fact]
    public void A_later_start_finds_no_file_and_keeps_the_imported_verifier()
    {
        Start().ImportFieldToken(_tokens);

        Assert.False(Start().ImportFieldToken(_tokens));
        Assert.Equal(_verifier, _tokens.LoadTokenKey());
    }

    [Theory]
    [InlineData("not base64url!", "does not hold base64url text")]
    [InlineData("AAAA", "holds 3 bytes, not 32")]
    public void A_bad_verifier_file_is_refused_by_name_and_nothing_is_imported(string content, string reason)
    {
        File.WriteAllText(FieldTokenPath, content);

        string message = Assert.Throws<FormatException>(() => Start().ImportFieldToken(_tokens)).Message;

        Assert.Contains("the field token's verifier file " + FieldTokenPath + " " + reason, message);
        Assert.DoesNotContain(content, message);
        Assert.Null(_tokens.LoadTokenKey());
        Assert.True(File.Exists(FieldTokenPath));
    }

    [Fact]
    public void An_oversize_key_file_is_refused_before_it_is_read()
    {
        File.WriteAllText(FleetKeyPath, new string('A', ProvisionedStart.MaxKeyFileBytes + 1));

        string message = Assert.Throws<FormatException>(() => Start().ReadFleetKey()).Message;

        Assert.Contains(FleetKeyPath + " is larger than " + ProvisionedStart.MaxKeyFileBytes + " bytes", message);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void The_fleet_key_is_read_in_both_sizes(int size)
    {
        byte[] key = RandomNumberGenerator.GetBytes(size);
        File.WriteAllText(FleetKeyPath, " " + Base64Url.Encode(key) + "\r\n");

        Assert.NotNull(Start().ReadFleetKey());
    }

    [Fact]
    public void A_fleet_key_of_another_size_is_refused_without_showing_it()
    {
        string text = Base64Url.Encode(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(FleetKeyPath, text);

        string message = Assert.Throws<FormatException>(() => Start().ReadFleetKey()).Message;

        Assert.Contains("the fleet key file " + FleetKeyPath + " holds 24 bytes, not 16 or 32", message);
        Assert.DoesNotContain(text, message);
    }

    [Fact]
    public void A_missing_fleet_key_file_is_named()
    {
        File.Delete(FleetKeyPath);

        Assert.Contains("the fleet key file " + FleetKeyPath + " is missing", Assert.Throws<IOException>(() => Start().ReadFleetKey()).Message);
    }

    [Fact]
    public void A_mesh_sensor_seals_for_the_provisioned_destination_with_the_secret_and_the_board_bundle_size()
    {
        JsonObject json = DeviceSettingsTests.Provisioned();
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(MeshSecretPath, Base64Url.Encode(secret));

        MeshOptions mesh = Start(json).CreateMeshOptions(new SystemRandom())!;

        Assert.Equal(PublicKeyId.Parse((string)json["meshDestination"]!), mesh.DestinationKeyId);
        Assert.Equal(secret, mesh.SharedSecret);
        Assert.Equal(BoardProfile.Esp32().MeshBundleBytes, mesh.Source.MaxBundleBytes);
        Assert.Equal(BoardProfile.Esp32().MeshOfferBytes, mesh.Source.MaxOfferBytes);
    }

    [Fact]
    public void A_board_with_bundles_larger_than_the_default_offer_offers_at_least_one_bundle()
    {
        JsonObject json = DeviceSettingsTests.Provisioned();
        json["board"] = "esp32-s3";

        MeshOptions mesh = Start(json).CreateMeshOptions(new SystemRandom())!;

        Assert.Equal(BoardProfile.Esp32S3().MeshBundleBytes, mesh.Source.MaxBundleBytes);
        Assert.Equal(mesh.Source.MaxBundleBytes, mesh.Source.MaxOfferBytes);
    }

    [Fact]
    public void A_device_without_a_mesh_destination_has_no_mesh()
    {
        Assert.Null(Start(mesh: false).CreateMeshOptions(new SystemRandom()));
    }

    [Fact]
    public void A_short_mesh_secret_is_refused()
    {
        File.WriteAllText(MeshSecretPath, Base64Url.Encode(new byte[15]));

        string message = Assert.Throws<FormatException>(() => Start().CreateMeshOptions(new SystemRandom())).Message;

        Assert.Contains("the mesh secret file " + MeshSecretPath + " holds 15 bytes, fewer than 16", message);
    }

    [Fact]
    public void A_mesh_secret_path_goes_with_a_mesh_destination()
    {
        DeviceSettings noMesh = DeviceSettingsTests.Parse(Without(DeviceSettingsTests.Provisioned(), "meshDestination", "meshSecretPath"));

        Assert.Throws<ArgumentException>(() => new ProvisionedStart(noMesh, FieldTokenPath, FleetKeyPath, MeshSecretPath));
        Assert.Throws<ArgumentException>(() => new ProvisionedStart(DeviceSettingsTests.Parse(DeviceSettingsTests.Provisioned()), FieldTokenPath, FleetKeyPath, null));
    }

    [Fact]
    public void The_device_constructor_reads_the_paths_of_the_settings()
    {
        JsonObject json = DeviceSettingsTests.Provisioned();
        json["fieldTokenPath"] = FieldTokenPath;

        Assert.True(new ProvisionedStart(DeviceSettingsTests.Parse(json)).ImportFieldToken(_tokens));
        Assert.Equal(_verifier, _tokens.LoadTokenKey());
    }

    [Fact]
    public void A_verifier_is_provisioned_only_at_its_size()
    {
        Assert.Throws<ArgumentException>(() => _tokens.ProvisionKey(new byte[31]));
        Assert.Null(_tokens.LoadTokenKey());
    }

    private static JsonObject Without(JsonObject json, params string[] names)
    {
        foreach (string name in names)
        {
            json.Remove(name);
        }

        return json;
    }

    private sealed class SystemRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
