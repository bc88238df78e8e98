namespace ThaliNano.Cli.Tests;

/// <summary>A shell script named nanoff that records each call's arguments (one per line, calls separated by "--end--").</summary>
internal sealed class StandInNanoff
{
    private readonly string _log;

    public StandInNanoff(string folder, int exitCode = 0)
    {
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "nanoff");
        _log = System.IO.Path.Combine(folder, "calls.log");
        File.WriteAllText(Path, "#!/bin/sh\nprintf '%s\\n' \"$@\" --end-- >> '" + _log + "'\necho \"stand-in nanoff: $*\"\nexit " + exitCode + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    public List<string[]> Calls()
    {
        var calls = new List<string[]>();
        var current = new List<string>();
        foreach (string line in File.Exists(_log) ? File.ReadAllLines(_log) : [])
        {
            if (line == "--end--")
            {
                calls.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }

        return calls;
    }
}
