using System.CommandLine;
using ThaliNano.Cli.Provisioning;
using ThaliNano.Firmware.Boards;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano provision</c>: makes a device's keys, label and configuration in a folder, ready for <c>thalinano flash</c>
/// (README.md, "provision").
/// </summary>
internal static class ProvisionCommand
{
    /// <summary>The port the ESP32 board serves on (boards/esp32/README.md).</summary>
    public const int DevicePort = 6985;

    public static Command Create()
    {
        Option<string> board = BoardOption();
        var folder = new Option<DirectoryInfo>("--out") { HelpName = "DIR", Description = "the folder to make (0700; files 0600); must not be provisioned already", Required = true };
        var fleetKey = new Option<FileInfo>("--fleet-key") { HelpName = "FILE", Description = "the fleet's key (base64url, 16 or 32 bytes); default: a new one, written to DIR/fleet.key" };
        var gateway = new Option<DirectoryInfo>("--gateway") { HelpName = "DIR", Description = "a 'thalinano gateway' folder: share a seal key with it (the device's mesh destination)" };
        var name = new Option<string>("--name") { HelpName = "NAME", Description = "the device's name on its label (default: its device id)" };
        var host = new Option<string>("--host") { HelpName = "HOST", Description = "the host in the label's httpkey URL (the device's address once known)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { HelpName = "PORT", Description = "the port the device serves on", DefaultValueFactory = _ => DevicePort };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                r.AddError("--port is 1 to 65535");
            }
        });
        Option<bool> json = CommonOptions.Json();
        var command = new Command("provision", "make a device's hub key and certificate, fleet and mesh keys, pairing label and the configuration to deploy")
        {
            board, folder, fleetKey, gateway, name, host, port, json,
        };
        command.SetAction((parseResult, output) =>
        {
            BoardProfile profile = BoardProfile.Find(parseResult.GetRequiredValue(board))!;
            ProvisionResult made = ProvisionedFolder.Create(
                profile,
                parseResult.GetRequiredValue(folder).FullName,
                parseResult.GetValue(name),
                parseResult.GetRequiredValue(host),
                parseResult.GetValue(port),
                parseResult.GetValue(fleetKey)?.FullName,
                parseResult.GetValue(gateway)?.FullName);
            if (parseResult.GetValue(json))
            {
                output.WriteJson(made);
                return ExitCodes.Ok;
            }

            output.Out.WriteLine("provisioned " + made.Configuration.Name + " (device " + made.DeviceId + ") for " + profile.Name + " (" + profile.NanoffTarget + ")");
            output.Out.WriteLine("hub key id: " + made.Configuration.HubKeyId);
            output.Out.WriteLine("label: " + made.Label + " (QR code: " + made.LabelPng + ", " + made.LabelSvg + ")");
            if (made.GatewayKeyFile != null)
            {
                output.Out.WriteLine("mesh destination: " + made.Configuration.MeshDestination + " (gateway key file " + made.GatewayKeyFile + ")");
            }

            output.Out.WriteLine("files to deploy: " + made.Deploy);
            output.Out.WriteLine("next: thalinano flash --board " + profile.Name + " --port /dev/ttyUSB0 --provisioned " + parseResult.GetRequiredValue(folder).FullName);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--board NAME, one of the board profiles (a usage error otherwise).</summary>
    public static Option<string> BoardOption()
    {
        var board = new Option<string>("--board") { HelpName = "NAME", Description = "the board profile: " + BoardProfile.Names() + " (boards/README.md)", Required = true };
        board.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string>();
            if (value != null && BoardProfile.Find(value) == null)
            {
                r.AddError("--board " + value + " is not a board profile: use one of " + BoardProfile.Names());
            }
        });
        return board;
    }
}
