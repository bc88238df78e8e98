using System.Diagnostics;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>This program re-launched with other arguments and its standard streams redirected: the memory child, the dump reader.</summary>
internal static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string? host = Environment.ProcessPath;
        var start = new ProcessStartInfo(host != null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
