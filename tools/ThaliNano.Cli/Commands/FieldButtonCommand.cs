using System.CommandLine;
using ThaliNano.Cli.Site;
using ThaliNano.FieldPairing;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano field button</c>: presses a sensor's pairing button. The site remembers when, and every command run on
/// the site within one pairing window (5 minutes) of the press boots that sensor with its window open.
/// </summary>
internal static class FieldButtonCommand
{
    public static Command Create()
    {
        Option<DirectoryInfo> site = CommonOptions.Site();
        Option<string> sensor = FieldLabelCommand.SensorOption("the sensor whose button to press");
        Option<bool> json = CommonOptions.Json();
        var command = new Command("button", "press a sensor's pairing button: its pairing window opens for the commands of the next 5 minutes")
        {
            site, sensor, json,
        };
        command.SetAction((parseResult, output) =>
        {
            SiteFolder folder = SiteFolder.Open(parseResult.GetRequiredValue(site));
            SiteSensor chosen = folder.Manifest.Sensor(parseResult.GetRequiredValue(sensor));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            folder.Save(folder.Manifest.With(chosen with { ButtonPressedAt = now.ToUnixTimeMilliseconds() }));
            DateTimeOffset until = now.AddMilliseconds(PairingWindow.DefaultDurationMilliseconds);
            if (parseResult.GetValue(json))
            {
                output.WriteJson(new { sensor = chosen.Name, windowOpenUntil = until });
            }
            else
            {
                output.Out.WriteLine("pressed " + chosen.Name + "'s pairing button: commands run until " + until.ToString("u") + " find its pairing window open");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
