using System.CommandLine;
using ThaliNano.Cli.Provisioning;
using ThaliNano.Firmware.Boards;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano flash</c>: the nanoff command lines that put the board's firmware and a provisioned folder on a device;
/// runs them when nanoff is installed, otherwise prints exactly what to run (README.md, "flash").
/// </summary>
internal static class FlashCommand
{
    public static Command Create()
    {
        Option<string> board = ProvisionCommand.BoardOption();
        var port = new Option<string>("--port") { HelpName = "DEV", Description = "the device's serial port (/dev/ttyUSB0, COM3)", Required = true };
        var provisioned = new Option<DirectoryInfo>("--provisioned") { HelpName = "DIR", Description = "a folder made by 'thalinano provision' for this board", Required = true };
        var nanoff = new Option<FileInfo>("--nanoff") { HelpName = "PATH", Description = "the nanoff to run (default: nanoff on PATH; without one the command lines are only printed)" };
        var command = new Command("flash", "flash the board's nanoFramework firmware and deploy a provisioned folder's files with nanoff")
        {
            board, port, provisioned, nanoff,
        };
        command.SetAction((parseResult, output) =>
        {
            BoardProfile profile = BoardProfile.Find(parseResult.GetRequiredValue(board))!;
            string folder = parseResult.GetRequiredValue(provisioned).FullName;
            DeviceConfiguration configuration = DeviceConfiguration.Read(folder);
            if (configuration.Board != profile.Name)
            {
                throw new CommandFailedException(folder + " was provisioned for " + configuration.Board + ", not " + profile.Name + ": provision it again for this board");
            }

            string? tool = ToolToRun(parseResult.GetValue(nanoff));
            string serialPort = parseResult.GetRequiredValue(port);
            string deployList = FileDeployment.Write(folder, configuration, serialPort);
            foreach (string[] arguments in Nanoff.CommandLines(profile.NanoffTarget, serialPort, deployList))
            {
                output.Out.WriteLine("$ " + Nanoff.Format(tool ?? Nanoff.ToolName, arguments));
                if (tool != null)
                {
                    int code = Nanoff.Run(tool, arguments, output.Out, output.Error);
                    if (code != 0)
                    {
                        throw new CommandFailedException("nanoff exited with " + code + "; nothing after it was run");
                    }
                }
            }

            output.Out.WriteLine(tool != null
                ? "flashed " + profile.NanoffTarget + " and deployed " + configuration.Files().Count() + " files to " + serialPort
                : "note: nanoff is not on PATH (install it with 'dotnet tool install -g nanoff', or give --nanoff): run the lines above");
            output.Out.WriteLine("then deploy the application: build boards/esp32's .nfproj and run 'nanoff --target " + profile.NanoffTarget + " --serialport " + serialPort + " --deploy --image App.bin'");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? ToolToRun(FileInfo? given)
    {
        if (given == null)
        {
            return Nanoff.FindOnPath(Environment.GetEnvironmentVariable("PATH"));
        }

        return given.Exists ? given.FullName : throw new CommandFailedException("--nanoff " + given.FullName + " does not exist");
    }
}
