using ThaliNano.Drivers.Host.Tls;

namespace ThaliNano.Cli.Site;

/// <summary>Files only the user may read: secrets, labels (they carry a pairing token) and the site's description. Text files get a final newline.</summary>
internal static class PrivateFiles
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteText(string path, string text) => HubIdentity.WriteSecretFile(path, text);

    public static void WriteBytes(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateMode;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(bytes);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, PrivateMode);
        }
    }
}
