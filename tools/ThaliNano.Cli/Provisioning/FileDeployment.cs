using System.Text.Json;
using System.Text.Json.Nodes;
using ThaliNano.Cli.Site;

namespace ThaliNano.Cli.Provisioning;

/// <summary>
/// nanoff's file deployment list (<c>nanoff --filedeployment deploy.json</c>): <c>{"serialport", "files":
/// [{"DestinationFilePath", "SourceFilePath"}]}</c>, source paths absolute.
/// </summary>
internal static class FileDeployment
{
    public const string FileName = "deploy.json";

    /// <summary>Writes the list of <paramref name="configuration"/>'s files in <paramref name="folder"/>; returns its path.</summary>
    public static string Write(string folder, DeviceConfiguration configuration, string? serialPort)
    {
        var files = new JsonArray();
        foreach ((string local, string device) in configuration.Files())
        {
            string source = Path.GetFullPath(Path.Combine(folder, local));
            if (!File.Exists(source))
            {
                throw new CommandFailedException(folder + " lacks " + local + ": provision the folder again");
            }

            files.Add(new JsonObject { ["DestinationFilePath"] = device, ["SourceFilePath"] = source });
        }

        var list = new JsonObject();
        if (serialPort != null)
        {
            list["serialport"] = serialPort;
        }

        list["files"] = files;
        string path = Path.Combine(folder, FileName);
        PrivateFiles.WriteText(path, list.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
