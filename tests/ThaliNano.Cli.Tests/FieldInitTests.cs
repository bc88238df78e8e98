using ThaliNano.Boards.Host;
using ThaliNano.Client.Exchange;
using ThaliNano.Firmware.Field;

namespace ThaliNano.Cli.Tests;

public sealed class FieldInitTests : IDisposable
{
    private readonly TestSite _site = new(sensors: 2);

    public void Dispose() => _site.Dispose();

    [Fact]
    public void A_site_is_private_and_each_sensor_has_a_hub_and_a_label_naming_it()
    {
        Assert.Equal(FileModes.PrivateFolder, FileModes.Of(_site.Folder));
        Assert.Equal(FileModes.PrivateFile, FileModes.Of(Path.Combine(_site.Folder, "fleet.key")));
        Assert.Equal(FileModes.PrivateFile, FileModes.Of(Path.Combine(_site.Folder, "site.json")));
        Assert.Equal(2, _site.Sensors.Select(s => s.DeviceId).Distinct().Count());
        foreach (TestSite.Sensor sensor in _site.Sensors)
        {
            Assert.Equal(FileModes.PrivateFile, FileModes.Of(sensor.Label));
            Assert.Equal(FileModes.PrivateFile, FileModes.Of(Path.ChangeExtension(sensor.Label, ".png")));
            IdentityCard card = IdentityCard.Parse(File.ReadAllText(sensor.Label).TrimEnd('\n'));
            Assert.Equal(sensor.Name, card.DisplayName);
            Assert.NotNull(card.PairingToken);
            using HostHub hub = HostHub.Open(sensor.DataFolder);
            Assert.Equal(hub.Identity.KeyId, card.Url.KeyId);
            Assert.Equal(sensor.DeviceId, Convert.ToHexStringLower(BeaconAdvertising.DeviceIdOf(hub.Identity.KeyId)));
            Assert.NotNull(new FieldTokenStore(hub.Registry).LoadTokenKey());
            Assert.Equal(0, hub.Registry.Count);
        }
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused()
    {
        CliRun run = CliRun.Of("field", "init", "--site", _site.Folder);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not empty", run.Error);
    }

    [Fact]
    public void A_new_label_replaces_the_token()
    {
        TestSite.Sensor sensor = _site.Sensors[0];
        string before = File.ReadAllText(sensor.Label);
        CliRun.Of("field", "label", "--site", _site.Folder, "--sensor", sensor.Name).Ok();
        Assert.NotEqual(before, File.ReadAllText(sensor.Label));
        File.WriteAllText(Path.Combine(_site.Folder, "old.txt"), before);

        CliRun old = _site.Pair(_site.Technician, "--label", Path.Combine(_site.Folder, "old.txt"), "--role", "reader");
        Assert.Equal(1, old.ExitCode);
        Assert.Contains("token", old.Error);
        _site.Pair(_site.Technician, "--label", sensor.Label, "--role", "reader").Ok();
    }

    [Fact]
    public void An_unknown_sensor_is_refused_by_name()
    {
        CliRun run = CliRun.Of("field", "button", "--site", _site.Folder, "--sensor", "sensor-9");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sensor-9", run.Error);
    }
}
