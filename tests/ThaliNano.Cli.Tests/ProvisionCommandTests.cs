using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using ThaliNano.Boards.Host;
using ThaliNano.Cli.Provisioning;
using ThaliNano.Client.Exchange;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.FieldPairing;
using ThaliNano.Gateway.Keys;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Field;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Cli.Tests;

public sealed class ProvisionCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thali-provision-").FullName;

    private string Device => Path.Combine(_root, "device");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_provisioned_folder_is_private_and_holds_the_key_label_and_configuration_for_the_board()
    {
        CliRun run = CliRun.Of("provision", "--board", "esp32-c3", "--out", Device, "--name", "boiler-7").Ok();

        Assert.Equal(FileModes.PrivateFolder, FileModes.Of(Device));
        foreach (string file in new[] { "fleet.key", "fieldtoken.key", "label.txt", "label.png", "label.svg", "device.json", "deploy.json", "identity/hub.key.pem" })
        {
            Assert.Equal(FileModes.PrivateFile, FileModes.Of(Path.Combine(Device, file)));
        }

        using HubIdentity identity = HubIdentity.LoadOrCreate(Device);
        Assert.False(identity.Created);
        Assert.Equal(32, Base64Url.Decode(File.ReadAllText(Path.Combine(Device, "fleet.key")).Trim()).Length);

        IdentityCard card = IdentityCard.Parse(File.ReadAllText(Path.Combine(Device, "label.txt")).TrimEnd('\n'));
        Assert.Equal(identity.KeyId, card.Url.KeyId);
        Assert.Equal(6985, card.Url.Port);
        Assert.Equal("boiler-7", card.DisplayName);
        Assert.True(PairingToken.TryParse(PairingToken.Prefix + card.PairingToken, out PairingToken token));
        Assert.Equal(Base64Url.Encode(token.DeriveKey()), File.ReadAllText(Path.Combine(Device, "fieldtoken.key")).Trim());
        Assert.DoesNotContain(card.PairingToken!, File.ReadAllText(Path.Combine(Device, "fieldtoken.key")));
        Assert.Equal(IdentityQrCode.ToSvg(card), File.ReadAllText(Path.Combine(Device, "label.svg")).TrimEnd('\n'));
        Assert.Equal(IdentityQrCode.ToPng(card), File.ReadAllBytes(Path.Combine(Device, "label.png")));

        using JsonDocument device = JsonDocument.Parse(File.ReadAllText(Path.Combine(Device, "device.json")));
        Assert.Equal("esp32-c3", device.RootElement.GetProperty("board").GetString());
        Assert.Equal("ESP32_C3", device.RootElement.GetProperty("nanoffTarget").GetString());
        Assert.Equal(identity.KeyId.ToBase64Url(), device.RootElement.GetProperty("hubKeyId").GetString());
        Assert.Equal(@"I:\thali-identity\hub.key.pem", device.RootElement.GetProperty("keyPath").GetString());
        Assert.Equal(JsonValueKind.Null, device.RootElement.GetProperty("meshDestination").ValueKind);
        Assert.Contains(Convert.ToHexStringLower(BeaconAdvertising.DeviceIdOf(identity.KeyId)), run.Output);
    }

    [Fact]
    public void The_deployment_list_names_every_provisioned_file_and_where_it_goes()
    {
        CliRun.Of("provision", "--board", "esp32-psram", "--out", Device).Ok();

        using JsonDocument deploy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Device, "deploy.json")));
        Dictionary<string, string> files = deploy.RootElement.GetProperty("files").EnumerateArray().ToDictionary(
            f => f.GetProperty("DestinationFilePath").GetString()!, f => f.GetProperty("SourceFilePath").GetString()!);
        Assert.Equal(Path.Combine(Device, "identity", "hub.cert.pem"), files[@"I:\thali-identity\hub.cert.pem"]);
        Assert.Equal(Path.Combine(Device, "identity", "hub.key.pem"), files[@"I:\thali-identity\hub.key.pem"]);
        Assert.Equal(Path.Combine(Device, "fleet.key"), files[@"I:\thali-config\fleet.key"]);
        Assert.Equal(Path.Combine(Device, "fieldtoken.key"), files[@"I:\thali-provision\fieldtoken.key"]);
        Assert.Equal(Path.Combine(Device, "device.json"), files[@"I:\thali-config\device.json"]);
        Assert.Equal(5, files.Count);
        Assert.False(deploy.RootElement.TryGetProperty("serialport", out _));
    }

    [Fact]
    public async Task A_host_board_started_from_the_provisioned_folder_serves_as_the_label_names_it()
    {
        CliRun.Of("provision", "--board", "esp32", "--out", Device).Ok();
        IdentityCard card = IdentityCard.Parse(File.ReadAllText(Path.Combine(Device, "label.txt")).TrimEnd('\n'));

        using HostHub hub = HostHub.Open(Device);
        Assert.False(hub.Identity.Created);
        hub.Serve(0);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, hub.Port);
        PublicKeyId? served = null;
        using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = PublicKeyId.FromCertificate(certificate!.GetRawCertData());
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });

        Assert.Equal(card.Url.KeyId, served);
    }

    [Theory]
    [InlineData("esp32", false)]
    [InlineData("esp32-s3", true)]
    public void The_firmware_reads_every_field_of_the_device_json_a_provision_writes(string board, bool mesh)
    {
        string gateway = Path.Combine(_root, "gateway");
        if (mesh)
        {
            HubIdentity.LoadOrCreate(gateway).Dispose();
        }

        CliRun.Of(mesh ? ["provision", "--board", board, "--out", Device, "--port", "7001", "--gateway", gateway] : ["provision", "--board", board, "--out", Device, "--port", "7001"]).Ok();

        DeviceConfiguration written = DeviceConfiguration.Read(Device);
        DeviceSettings read = DeviceSettings.Parse(File.ReadAllBytes(Path.Combine(Device, DeviceConfiguration.FileName)));
        Assert.Equal(written, new DeviceConfiguration(read.Version, read.Board, read.NanoffTarget, read.Name, read.Port, read.HubKeyId,
            read.CertificatePath, read.KeyPath, read.FleetKeyPath, read.FieldTokenPath, read.MeshSecretPath, read.MeshDestination,
            read.StorePath, read.RegistryPath));
        Assert.Equal(board, read.Profile.Name);
        Assert.Equal(7001, read.Port);
        Assert.Equal(mesh, read.MeshDestination != null);
    }

    [Fact]
    public void A_given_fleet_key_is_the_one_deployed()
    {
        string fleet = Path.Combine(_root, "fleet.key");
        string key = Base64Url.Encode(new byte[16]);
        File.WriteAllText(fleet, key + "\n");

        CliRun.Of("provision", "--board", "esp32", "--out", Device, "--fleet-key", fleet).Ok();

        Assert.Equal(key, File.ReadAllText(Path.Combine(Device, "fleet.key")).Trim());
    }

    [Fact]
    public void A_gateway_folder_shares_a_seal_key_and_becomes_the_mesh_destination()
    {
        string gateway = Path.Combine(_root, "gateway");
        PublicKeyId gatewayKey;
        using (HubIdentity identity = HubIdentity.LoadOrCreate(gateway))
        {
            gatewayKey = identity.KeyId;
        }

        CliRun.Of("provision", "--board", "esp32-s3", "--out", Device, "--gateway", gateway).Ok();

        using HubIdentity device = HubIdentity.LoadOrCreate(Device);
        string keyFile = Path.Combine(gateway, "keys", device.KeyId.ToHex() + ".json");
        string secret = File.ReadAllText(Path.Combine(Device, "mesh.secret")).Trim();
        Assert.Equal(32, Base64Url.Decode(secret).Length);
        Assert.Contains(secret, File.ReadAllText(keyFile));
        using JsonDocument configuration = JsonDocument.Parse(File.ReadAllText(Path.Combine(Device, "device.json")));
        Assert.Equal(gatewayKey.ToBase64Url(), configuration.RootElement.GetProperty("meshDestination").GetString());
        Assert.Equal(@"I:\thali-config\mesh.secret", configuration.RootElement.GetProperty("meshSecretPath").GetString());
        Assert.Contains(@"I:\\thali-config\\mesh.secret", File.ReadAllText(Path.Combine(Device, "deploy.json")));
    }

    [Fact]
    public void The_gateway_loads_the_shared_key_and_refuses_to_share_a_second_one_with_the_same_device()
    {
        string gateway = Path.Combine(_root, "gateway");
        using HubIdentity identity = HubIdentity.LoadOrCreate(gateway);
        CliRun.Of("provision", "--board", "esp32", "--out", Device, "--gateway", gateway).Ok();
        using HubIdentity device = HubIdentity.LoadOrCreate(Device);

        Assert.NotNull(GatewayKeyring.Load(Path.Combine(gateway, "keys"), identity.KeyId).Find(device.KeyId));
        CliRun again = CliRun.Of("gateway", "key", "--data", gateway, "--source", device.KeyId.ToBase64Url(), "--secret-out", Path.Combine(_root, "second.secret"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already shares a key with " + device.KeyId.ToBase64Url(), again.Error);
        Assert.False(File.Exists(Path.Combine(_root, "second.secret")));
    }

    [Fact]
    public void Bad_inputs_are_refused_and_make_nothing()
    {
        string fleet = Path.Combine(_root, "short.key");
        File.WriteAllText(fleet, Base64Url.Encode(new byte[8]));
        CliRun badFleet = CliRun.Of("provision", "--board", "esp32", "--out", Device, "--fleet-key", fleet);
        Assert.Equal(1, badFleet.ExitCode);
        Assert.Contains("fleet key", badFleet.Error);

        CliRun notGateway = CliRun.Of("provision", "--board", "esp32", "--out", Device, "--gateway", _root);
        Assert.Equal(1, notGateway.ExitCode);
        Assert.Contains("is not a gateway folder", notGateway.Error);
        Assert.False(Directory.Exists(Device));

        CliRun unknownBoard = CliRun.Of("provision", "--board", "esp8266", "--out", Device);
        Assert.Equal(2, unknownBoard.ExitCode);
        Assert.Contains("esp32-psram, esp32, esp32-s3, esp32-c3", unknownBoard.Error);
        Assert.False(Directory.Exists(Device));
    }

    [Fact]
    public void A_provisioned_folder_is_not_provisioned_again()
    {
        CliRun.Of("provision", "--board", "esp32", "--out", Device).Ok();
        string key = File.ReadAllText(Path.Combine(Device, "identity", "hub.key.pem"));

        CliRun again = CliRun.Of("provision", "--board", "esp32", "--out", Device);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already provisioned", again.Error);
        Assert.Equal(key, File.ReadAllText(Path.Combine(Device, "identity", "hub.key.pem")));
    }
}
