using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>Paths of the repository and the npm package of real peers (tests/interop), and a way to run its scripts.</summary>
internal static class Interop
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PackageFolder => Path.Combine(RepositoryRoot, "tests", "interop");

    /// <summary>Fails (never skips) when the npm peers are not installed, naming the command that installs them.</summary>
    public static void RequirePackages()
    {
        foreach (string package in new[] { "pouchdb", "pouchdb-server" })
        {
            Assert.True(Directory.Exists(Path.Combine(PackageFolder, "node_modules", package)),
                $"{package} is not installed: run `npm ci --prefix tests/interop` (looked in {PackageFolder}/node_modules)");
        }
    }

    /// <summary>Runs a node script of tests/interop with JSON on stdin and returns the JSON it prints.</summary>
    public static JsonNode RunNode(string script, object input, TimeSpan timeout)
    {
        RequirePackages();
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = PackageFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(input));
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"node {script} did not finish within {timeout.TotalSeconds} s; stderr: {stderr.Result}");
        }

        string text = stdout.Result;
        JsonNode? result = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        if (result is null || result["error"] is not null)
        {
            throw new InvalidOperationException($"node {script} failed (exit {process.ExitCode}): {text} {stderr.Result}");
        }

        return result;
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for peers that cannot report the port they bound).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a program to completion with a time bound; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds} s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ThaliNano.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no ThaliNano.sln above {AppContext.BaseDirectory}");
    }
}
