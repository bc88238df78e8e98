namespace ThaliNano.Cli.Tests;

internal static class FileModes
{
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateFolder = PrivateFile | UnixFileMode.UserExecute;

    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("file modes are Unix's") : File.GetUnixFileMode(path);
}
