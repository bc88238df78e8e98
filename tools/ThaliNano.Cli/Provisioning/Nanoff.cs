using System.Diagnostics;

namespace ThaliNano.Cli.Provisioning;

/// <summary>
/// nanoFramework's firmware flasher (<c>dotnet tool install -g nanoff</c>): the command lines that flash a board and
/// deploy a provisioned folder, where nanoff is, and running it.
/// </summary>
internal static class Nanoff
{
    public const string ToolName = "nanoff";

    /// <summary>The firmware update for the board's target, then the file deployment of the provisioned files.</summary>
    public static IReadOnlyList<string[]> CommandLines(string target, string serialPort, string deployList) =>
    [
        ["--update", "--target", target, "--serialport", serialPort],
        ["--target", target, "--serialport", serialPort, "--filedeployment", deployList],
    ];

    /// <summary>The first executable named nanoff in <paramref name="pathVariable"/>'s folders, or null.</summary>
    public static string? FindOnPath(string? pathVariable)
    {
        string[] names = OperatingSystem.IsWindows() ? [ToolName + ".exe", ToolName + ".cmd"] : [ToolName];
        foreach (string folder in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The line as a POSIX shell takes it: arguments with spaces or shell characters in single quotes.</summary>
    public static string Format(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments).Select(Quote));

    /// <summary>Runs nanoff with <paramref name="arguments"/>, copying what it prints; returns its exit code.</summary>
    public static int Run(string nanoff, IEnumerable<string> arguments, TextWriter output, TextWriter error)
    {
        var start = new ProcessStartInfo(nanoff) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new CommandFailedException("could not start " + nanoff);
        process.OutputDataReceived += (_, e) => Write(output, e.Data);
        process.ErrorDataReceived += (_, e) => Write(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Write(TextWriter writer, string? line)
    {
        if (line != null)
        {
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '+')
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
