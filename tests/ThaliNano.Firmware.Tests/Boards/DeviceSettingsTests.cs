using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ThaliNano.Firmware.Boards;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Tests.Boards;

public sealed class DeviceSettingsTests
{
    private static readonly string s_hubKey = PublicKeyId.FromHash(SHA256.HashData("hub"u8)).ToBase64Url();
    private static readonly string s_gateway = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)).ToBase64Url();

    // As tools/ThaliNano.Cli/Provisioning/DeviceConfiguration writes it (System.Text.Json's web defaults: camelCase,
    // nulls written); the CLI's tests parse a real provisioned file.
    internal static JsonObject Provisioned() => new()
    {
        ["version"] = 1,
        ["board"] = "esp32",
        ["nanoffTarget"] = "ESP32_BLE_REV0",
        ["name"] = "boiler-7",
        ["port"] = 6985,
        ["hubKeyId"] = s_hubKey,
        ["certificatePath"] = @"I:\thali-identity\hub.cert.pem",
        ["keyPath"] = @"I:\thali-identity\hub.key.pem",
        ["fleetKeyPath"] = @"I:\thali-config\fleet.key",
        ["fieldTokenPath"] = @"I:\thali-provision\fieldtoken.key",
        ["meshSecretPath"] = @"I:\thali-config\mesh.secret",
        ["meshDestination"] = s_gateway,
        ["storePath"] = @"I:\thali",
        ["registryPath"] = @"I:\thali-pairing",
    };

    internal static DeviceSettings Parse(JsonNode json) => DeviceSettings.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Refusal(JsonNode json) => Assert.Throws<FormatException>(() => Parse(json)).Message;

    private static string Refusal(string json) => Assert.Throws<FormatException>(() => DeviceSettings.Parse(Encoding.UTF8.GetBytes(json))).Message;

    [Fact]
    public void Every_field_of_a_provisioned_configuration_is_read()
    {
        DeviceSettings s = Parse(Provisioned());

        Assert.Equal(1, s.Version);
        Assert.Equal("esp32", s.Board);
        Assert.Equal("esp32", s.Profile.Name);
        Assert.Equal(32 * 1024, s.Profile.HubHeapBudgetBytes);
        Assert.Equal("ESP32_BLE_REV0", s.NanoffTarget);
        Assert.Equal("boiler-7", s.Name);
        Assert.Equal(6985, s.Port);
        Assert.Equal(s_hubKey, s.HubKeyId);
        Assert.Equal(@"I:\thali-identity\hub.cert.pem", s.CertificatePath);
        Assert.Equal(@"I:\thali-identity\hub.key.pem", s.KeyPath);
        Assert.Equal(@"I:\thali-config\fleet.key", s.FleetKeyPath);
        Assert.Equal(@"I:\thali-provision\fieldtoken.key", s.FieldTokenPath);
        Assert.Equal(@"I:\thali-config\mesh.secret", s.MeshSecretPath);
        Assert.Equal(s_gateway, s.MeshDestination);
        Assert.Equal(@"I:\thali", s.StorePath);
        Assert.Equal(@"I:\thali-pairing", s.RegistryPath);
    }

    [Fact]
    public void A_device_without_mesh_has_null_mesh_settings_whether_the_fields_are_null_or_absent()
    {
        JsonObject nulls = Provisioned();
        nulls["meshSecretPath"] = null;
        nulls["meshDestination"] = null;
        JsonObject absent = Provisioned();
        absent.Remove("meshSecretPath");
        absent.Remove("meshDestination");

        foreach (DeviceSettings s in new[] { Parse(nulls), Parse(absent) })
        {
            Assert.Null(s.MeshSecretPath);
            Assert.Null(s.MeshDestination);
        }
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        JsonObject json = Provisioned();
        json["addedLater"] = "x";
        json["retries"] = 3;
        json["verbose"] = true;
        json["nothing"] = null;

        Assert.Equal(6985, Parse(json).Port);
    }

    [Fact]
    public void Every_board_profile_is_accepted()
    {
        foreach (BoardProfile board in BoardProfile.All())
        {
            JsonObject json = Provisioned();
            json["board"] = board.Name;
            json["nanoffTarget"] = board.NanoffTarget;
            Assert.Equal(board.Name, Parse(json).Profile.Name);
        }
    }

    [Theory]
    [InlineData(2, "version 2; this firmware reads version 1")]
    [InlineData(0, "version 0;")]
    public void Another_version_is_refused(int version, string reason)
    {
        JsonObject json = Provisioned();
        json["version"] = version;
        Assert.Contains(reason, Refusal(json));
    }

    [Fact]
    public void An_unknown_board_is_refused_with_the_known_ones()
    {
        JsonObject json = Provisioned();
        json["board"] = "esp8266";
        string message = Refusal(json);
        Assert.Contains("\"board\" is \"esp8266\"", message);
        Assert.Contains(BoardProfile.Names(), message);
    }

    public static TheoryData<string> Required => new()
    {
        "version", "board", "nanoffTarget", "name", "port", "hubKeyId", "certificatePath", "keyPath", "fleetKeyPath",
        "fieldTokenPath", "storePath", "registryPath",
    };

    [Theory]
    [MemberData(nameof(Required))]
    public void A_missing_required_field_is_refused_by_name(string field)
    {
        JsonObject json = Provisioned();
        json.Remove(field);
        Assert.Contains("lacks \"" + field + "\"", Refusal(json));
    }

    [Theory]
    [InlineData("board")]
    [InlineData("name")]
    [InlineData("certificatePath")]
    [InlineData("registryPath")]
    [InlineData("meshSecretPath")]
    public void An_empty_string_is_refused_by_name(string field)
    {
        JsonObject json = Provisioned();
        json[field] = "";
        Assert.Contains("\"" + field + "\" is empty", Refusal(json));
    }

    [Fact]
    public void A_null_required_field_counts_as_missing()
    {
        JsonObject json = Provisioned();
        json["keyPath"] = null;
        Assert.Contains("lacks \"keyPath\"", Refusal(json));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(4294967296L)]
    public void A_port_out_of_range_is_refused(long port)
    {
        JsonObject json = Provisioned();
        json["port"] = port;
        Assert.Contains("\"port\" is " + port + ", outside 1 to 65535", Refusal(json));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void The_ports_at_the_ends_of_the_range_are_taken(int port)
    {
        JsonObject json = Provisioned();
        json["port"] = port;
        Assert.Equal(port, Parse(json).Port);
    }

    [Theory]
    [InlineData("port", "\"6985\"", "\"port\" must be an integer")]
    [InlineData("port", "6985.5", "\"port\" must be an integer, not 6985.5")]
    [InlineData("version", "true", "\"version\" must be an integer")]
    [InlineData("board", "7", "\"board\" must be a string")]
    [InlineData("meshDestination", "false", "\"meshDestination\" must be a string")]
    public void A_field_of_the_wrong_type_is_refused(string field, string value, string reason)
    {
        JsonObject json = Provisioned();
        json[field] = JsonNode.Parse(value);
        Assert.Contains(reason, Refusal(json));
    }

    [Theory]
    [InlineData("hubKeyId")]
    [InlineData("meshDestination")]
    public void A_key_id_that_is_not_one_is_refused(string field)
    {
        JsonObject json = Provisioned();
        json[field] = "sha256:" + s_hubKey;
        Assert.Contains("\"" + field + "\" is not a key id", Refusal(json));
    }

    [Theory]
    [InlineData("meshDestination")]
    [InlineData("meshSecretPath")]
    public void A_mesh_destination_and_its_secret_go_together(string left)
    {
        JsonObject json = Provisioned();
        json[left == "meshDestination" ? "meshSecretPath" : "meshDestination"] = null;
        Assert.Contains("go together", Refusal(json));
    }

    [Fact]
    public void Oversize_input_is_refused_before_it_is_read()
    {
        JsonObject json = Provisioned();
        json["padding"] = new string(' ', DeviceSettings.MaxBytes);
        Assert.Contains("more than the " + DeviceSettings.MaxBytes + " a device reads", Refusal(json));
    }

    [Fact]
    public void A_long_string_is_refused()
    {
        JsonObject json = Provisioned();
        json["name"] = new string('n', DeviceSettings.MaxStringBytes + 1);
        Assert.Contains("string longer than " + DeviceSettings.MaxStringBytes, Refusal(json));
    }

    [Theory]
    [InlineData("{\"x\":1}")]
    [InlineData("[1]")]
    public void A_nested_value_is_refused_even_in_an_unknown_field(string nested)
    {
        JsonObject json = Provisioned();
        json["extra"] = JsonNode.Parse(nested);
        Assert.Contains("\"extra\" holds an object or array", Refusal(json));
    }

    [Fact]
    public void A_field_given_twice_is_refused()
    {
        string json = Provisioned().ToJsonString();
        Assert.Contains("\"port\" appears twice", Refusal(json[..^1] + ",\"port\":80}"));
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("\"device\"", "not a JSON object")]
    [InlineData("{\"version\":1", "not valid JSON")]
    [InlineData("{} {}", "not valid JSON")]
    public void What_is_not_one_json_object_is_refused(string json, string reason)
    {
        Assert.Contains(reason, Refusal(json));
    }

    [Fact]
    public void Null_input_is_an_argument_error() => Assert.Throws<ArgumentNullException>(() => DeviceSettings.Parse(null!));
}
