using System.Text.Json;
using ThaliNano.Boards.Host;

namespace ThaliNano.Cli.Tests;

public sealed class DiscoverTests : IDisposable
{
    private readonly TestSite _site = new(sensors: 2);

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Discover_lists_every_sensor_in_pairing_mode()
    {
        CliRun run = CliRun.Of("discover", "--site", _site.Folder, "--seconds", "3", "--json").Ok();

        using JsonDocument result = JsonDocument.Parse(run.Output);
        JsonElement[] devices = result.RootElement.GetProperty("devices").EnumerateArray().ToArray();
        Assert.Equal(_site.Sensors.Select(s => s.DeviceId).Order(), devices.Select(d => d.GetProperty("deviceId").GetString()).Order());
        Assert.All(devices, d => Assert.True(d.GetProperty("pairingMode").GetBoolean()));
        Assert.All(devices, d => Assert.InRange(d.GetProperty("rssi").GetInt32(), -100, -30));
        Assert.Equal(0, result.RootElement.GetProperty("ignored").GetInt32());
    }

    [Fact]
    public void A_sensor_paired_in_the_field_boots_with_its_window_closed_until_its_button_is_pressed()
    {
        TestSite.Sensor sensor = _site.Sensors[1];
        _site.Pair(_site.Technician, "--label", sensor.Label, "--role", "writer").Ok();

        Assert.False(PairingMode(sensor));
        CliRun.Of("field", "button", "--site", _site.Folder, "--sensor", sensor.Name).Ok();
        Assert.True(PairingMode(sensor));
    }

    [Fact]
    public void The_text_form_is_a_table_with_the_count_of_ignored_advertisements()
    {
        CliRun run = CliRun.Of("discover", "--site", _site.Folder, "--seconds", "1").Ok();

        Assert.All(_site.Sensors, s => Assert.Contains(s.DeviceId, run.Output));
        Assert.Contains("2 device(s) in 1 s; 0 advertisement(s) ignored", run.Output);
    }

    [Fact]
    public void A_sensor_whose_hub_runs_elsewhere_stops_the_command_and_the_others_are_released()
    {
        using (HostHub running = HostHub.Open(_site.Sensors[1].DataFolder))
        {
            CliRun run = CliRun.Of("discover", "--site", _site.Folder, "--seconds", "1");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("sensor-1 cannot boot here", run.Error);
        }

        using HostHub first = HostHub.Open(_site.Sensors[0].DataFolder);
    }

    private bool PairingMode(TestSite.Sensor sensor)
    {
        using JsonDocument result = JsonDocument.Parse(CliRun.Of("discover", "--site", _site.Folder, "--seconds", "1", "--json").Ok().Output);
        return result.RootElement.GetProperty("devices").EnumerateArray()
            .Single(d => d.GetProperty("deviceId").GetString() == sensor.DeviceId).GetProperty("pairingMode").GetBoolean();
    }
}
