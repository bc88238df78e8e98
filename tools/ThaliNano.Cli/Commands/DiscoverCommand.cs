using System.CommandLine;
using Spectre.Console;
using ThaliNano.Cli.Site;
using ThaliNano.Client.Field;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano discover</c>: the phone scans the site's simulated medium and lists the fleet's devices its private
/// beacons resolve to, with what the beacons hint; everything else it heard is counted as ignored.
/// </summary>
internal static class DiscoverCommand
{
    public static Command Create()
    {
        Option<DirectoryInfo> site = CommonOptions.Site();
        Option<double> seconds = CommonOptions.Seconds(5, "how long to scan");
        Option<bool> json = CommonOptions.Json();
        var command = new Command("discover", "scan for the fleet's devices by their private beacons")
        {
            site, seconds, json,
        };
        command.SetAction((parseResult, output) =>
        {
            SiteFolder folder = SiteFolder.Open(parseResult.GetRequiredValue(site));
            double duration = parseResult.GetValue(seconds);
            using SimulatedSite running = SimulatedSite.Start(folder);
            using FleetScanner scan = running.Scan(TimeSpan.FromSeconds(duration));
            Print(scan.Sightings, scan.Ignored, duration, output, parseResult.GetValue(json));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IReadOnlyList<FieldSighting> sightings, int ignored, double seconds, CliOutput output, bool json)
    {
        if (json)
        {
            output.WriteJson(new
            {
                seconds,
                devices = sightings.Select(s => new
                {
                    s.DeviceId,
                    s.Address,
                    s.Rssi,
                    s.Hints.PairingMode,
                    s.Hints.BundlesWaiting,
                    s.Hints.StoragePressure,
                    s.Hints.BatteryLevel,
                }),
                ignored,
            });
            return;
        }

        var table = new Table().AddColumns("device", "address", "RSSI (dBm)", "pairing mode", "bundles waiting", "storage pressure");
        foreach (FieldSighting s in sightings)
        {
            table.AddRow(s.DeviceId, s.Address, s.Rssi.ToString(), s.Hints.PairingMode ? "open" : "closed",
                s.Hints.BundlesWaiting.ToString(), s.Hints.StoragePressure.ToString());
        }

        output.Console.Write(table);
        output.Out.WriteLine(sightings.Count + " device(s) in " + seconds + " s; " + ignored
            + " advertisement(s) ignored (not a fresh beacon of this fleet)");
    }
}
