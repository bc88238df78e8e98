using System.CommandLine;
using ThaliNano.Boards.Host;
using ThaliNano.Cli.Site;

namespace ThaliNano.Cli.Commands;

/// <summary><c>thalinano field label</c>: provisions a fresh pairing token for a sensor and prints its new label.</summary>
internal static class FieldLabelCommand
{
    public static Command Create()
    {
        Option<DirectoryInfo> site = CommonOptions.Site();
        Option<string> sensor = SensorOption("the sensor to re-label");
        Option<bool> json = CommonOptions.Json();
        var command = new Command("label", "provision a fresh single-use pairing token for a sensor (its old label stops working)")
        {
            site, sensor, json,
        };
        command.SetAction((parseResult, output) =>
        {
            SiteFolder folder = SiteFolder.Open(parseResult.GetRequiredValue(site));
            SiteSensor chosen = folder.Manifest.Sensor(parseResult.GetRequiredValue(sensor));
            string label;
            using (HostHub hub = folder.OpenHub(chosen))
            {
                label = SensorLabel.Provision(hub, chosen, folder.LabelsFolder);
            }

            if (parseResult.GetValue(json))
            {
                output.WriteJson(new { sensor = chosen.Name, label, qrCode = Path.ChangeExtension(label, ".png") });
            }
            else
            {
                output.Out.WriteLine("new label for " + chosen.Name + ": " + label + " (QR code: " + Path.ChangeExtension(label, ".png") + ")");
                output.Out.WriteLine("its earlier token no longer pairs; with an unused token the sensor opens its pairing window when it boots");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Option<string> SensorOption(string description) => new("--sensor")
    {
        HelpName = "NAME",
        Description = description + " (its name in site.json, e.g. sensor-0)",
        Required = true,
    };
}
