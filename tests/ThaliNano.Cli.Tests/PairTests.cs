using System.Security.Cryptography;
using System.Text.Json;
using ThaliNano.Boards.Host;
using ThaliNano.FieldPairing;
using ThaliNano.Text;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Cli.Tests;

public sealed class PairTests : IDisposable
{
    private readonly TestSite _site = new(sensors: 2);

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Pairing_with_the_label_pairs_provisions_wifi_and_writes_a_private_secret()
    {
        TestSite.Sensor sensor = _site.Sensors[1];
        CliRun run = _site.Pair(_site.Technician, "--label", sensor.Label, "--role", "writer",
            "--ssid", TestSite.Ssid, "--password", TestSite.WifiPassword, "--json").Ok();

        using JsonDocument result = JsonDocument.Parse(run.Output);
        JsonElement root = result.RootElement;
        Assert.Equal(_site.Technician.Principal, root.GetProperty("keyId").GetString());
        Assert.Equal(sensor.DeviceId, root.GetProperty("deviceId").GetString());
        Assert.Contains(root.GetProperty("hubUrl").GetString(), root.GetProperty("wifiUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(_site.Technician.SecretPath, root.GetProperty("secretFile").GetString());
        Assert.Equal(FileModes.PrivateFile, FileModes.Of(_site.Technician.SecretPath));
        Assert.Equal(32, Base64Url.Decode(File.ReadAllText(_site.Technician.SecretPath).Trim()).Length);

        // The pairing outlives the CLI: the sensor's data folder is what the host board serves.
        using (HostHub hub = HostHub.Open(sensor.DataFolder))
        {
            Assert.True(hub.Registry.IsPaired(_site.Technician.KeyId));
            Assert.Contains(hub.Identity.KeyId.ToBase64Url(), root.GetProperty("hubUrl").GetString());
        }

        using HostHub other = HostHub.Open(_site.Sensors[0].DataFolder);
        Assert.False(other.Registry.IsPaired(_site.Technician.KeyId));
    }

    [Fact]
    public void A_used_label_is_refused_with_the_device_reason_and_pairs_nobody()
    {
        TestSite.Sensor sensor = _site.Sensors[0];
        string secretOut = Path.Combine(_site.Folder, "..", "first.secret");
        _site.Pair(_site.Technician, "--label", sensor.Label, "--group", "inspectors", "--secret-out", secretOut).Ok();
        Assert.True(File.Exists(secretOut));

        ClientIdentity second = _site.NewIdentity("second");
        CliRun closed = _site.Pair(second, "--label", sensor.Label, "--role", "reader");
        Assert.Equal(1, closed.ExitCode);
        Assert.Contains("pairing mode is not open", closed.Error);

        CliRun.Of("field", "button", "--site", _site.Folder, "--sensor", sensor.Name).Ok();
        CliRun used = _site.Pair(second, "--label", sensor.Label, "--role", "reader");
        Assert.Equal(1, used.ExitCode);
        Assert.Contains("TokenUsed", used.Error);
        Assert.Contains("token has been used", used.Error);
        Assert.Equal(1, used.Error.Count(c => c == '\n'));
        Assert.Empty(used.Output);
        Assert.False(File.Exists(second.SecretPath));

        using HostHub hub = HostHub.Open(sensor.DataFolder);
        Assert.True(hub.Registry.IsPaired(_site.Technician.KeyId));
        Assert.False(hub.Registry.IsPaired(second.KeyId));
    }

    [Fact]
    public void A_wrong_token_is_refused_and_pairs_nothing()
    {
        TestSite.Sensor sensor = _site.Sensors[0];
        string wrong = PairingToken.Prefix + Base64Url.Encode(RandomNumberGenerator.GetBytes(PairingToken.SizeInBytes));
        CliRun run = _site.Pair(_site.Technician, "--device", sensor.DeviceId, "--token", wrong, "--role", "writer");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("token", run.Error);
        Assert.False(File.Exists(_site.Technician.SecretPath));
        using (HostHub hub = HostHub.Open(sensor.DataFolder))
        {
            Assert.Equal(0, hub.Registry.Count);
        }

        // The right token still pairs: the refusal used nothing up.
        _site.Pair(_site.Technician, "--label", sensor.Label, "--role", "writer").Ok();
    }

    [Fact]
    public void A_device_that_is_not_heard_is_refused()
    {
        CliRun run = _site.Pair(_site.Technician, "--device", "0011223344556677", "--token", "thali-pair:AAAAAAAAAAAAAAAAAAAAAA", "--role", "reader", "--seconds", "2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0011223344556677 was not heard within 2 s", run.Error);
    }

    [Fact]
    public void A_label_for_another_device_than_the_one_named_is_refused()
    {
        CliRun run = _site.Pair(_site.Technician, "--label", _site.Sensors[0].Label, "--device", _site.Sensors[1].DeviceId, "--role", "reader");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the label is device " + _site.Sensors[0].DeviceId, run.Error);
    }

    [Fact]
    public void The_text_form_names_the_key_the_hub_and_the_secret()
    {
        TestSite.Sensor sensor = _site.Sensors[0];
        CliRun run = _site.Pair(_site.Technician, "--label", sensor.Label, "--role", "reader").Ok();

        Assert.Contains("paired with device " + sensor.DeviceId + " as reader", run.Output);
        Assert.Contains("key id: " + _site.Technician.Principal, run.Output);
        Assert.Contains("hub: httpkey://127.0.0.1:", run.Output);
        Assert.Contains("proof secret: " + _site.Technician.SecretPath + " (mode 0600)", run.Output);
    }
}
