using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using ThaliNano.Cli.Site;

namespace ThaliNano.Cli.Commands;

/// <summary><c>thalinano field init</c>: makes a simulated field site (README.md, "The simulated field site").</summary>
internal static class FieldInitCommand
{
    public static Command Create()
    {
        Option<DirectoryInfo> site = CommonOptions.Site();
        site.Description = "the folder to make the site in (new or empty; made with mode 0700)";
        var sensors = new Option<int>("--sensors")
        {
            HelpName = "N",
            Description = "how many sensors, placed on a grid " + SiteFolder.GridSpacingMetres + " m apart",
            DefaultValueFactory = _ => 2,
            Validators =
            {
                result =>
                {
                    int value = result.GetValueOrDefault<int>();
                    if (value < 1 || value > SiteFolder.MaxSensors)
                    {
                        result.AddError("--sensors is 1 to " + SiteFolder.MaxSensors);
                    }
                },
            },
        };
        var ssid = new Option<string>("--ssid")
        {
            HelpName = "SSID",
            Description = "the Wi-Fi network the sensors can join (Improv provisioning must name it)",
            DefaultValueFactory = _ => "thali-field",
        };
        var password = new Option<string>("--wifi-password")
        {
            HelpName = "PASSWORD",
            Description = "its password (default: a random one, kept in site.json)",
        };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("init", "make a site: fleet key, sensors (host hubs with identities) and their QR labels")
        {
            site, sensors, ssid, password, json,
        };
        command.SetAction((parseResult, output) =>
        {
            var wifi = new SiteWifi(parseResult.GetRequiredValue(ssid),
                parseResult.GetValue(password) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            SiteFolder folder = SiteFolder.Create(parseResult.GetRequiredValue(site), parseResult.GetValue(sensors), wifi);
            Print(folder, output, parseResult.GetValue(json));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(SiteFolder folder, CliOutput output, bool json)
    {
        SiteManifest manifest = folder.Manifest;
        if (json)
        {
            output.WriteJson(new
            {
                site = folder.Path,
                wifi = manifest.Wifi,
                phone = manifest.Phone,
                sensors = manifest.Sensors.Select(s => new { s.Name, s.DeviceId, s.X, s.Y, s.Port, label = folder.LabelOf(s) }),
            });
            return;
        }

        output.Out.WriteLine("made a field site in " + folder.Path);
        output.Out.WriteLine("Wi-Fi the sensors accept: \"" + manifest.Wifi.Ssid + "\", password \"" + manifest.Wifi.Password + "\"");
        output.Out.WriteLine("the phone stands at (" + manifest.Phone.X + ", " + manifest.Phone.Y + ") m");
        var table = new Table().AddColumns("sensor", "device", "position (m)", "port", "label");
        foreach (SiteSensor s in manifest.Sensors)
        {
            table.AddRow(Markup.Escape(s.Name), s.DeviceId, "(" + s.X + ", " + s.Y + ")", s.Port.ToString(), Markup.Escape(folder.LabelOf(s)));
        }

        output.Console.Write(table);
    }
}
