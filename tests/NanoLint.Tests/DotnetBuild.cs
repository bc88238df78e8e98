using System.Diagnostics;

namespace NanoLint.Tests;

/// <summary>Runs `dotnet build` on a project as a developer would, with a timeout.</summary>
internal static class DotnetBuild
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", project, "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false" },
            WorkingDirectory = Path.GetDirectoryName(project)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The test host may run inside an MSBuild invocation (dotnet test): its settings must not leak into this build.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build {project} took more than {s_timeout}");
        }

        return new Result(process.ExitCode, output.Result + error.Result);
    }
}
