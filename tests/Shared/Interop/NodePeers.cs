using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThaliNano.Tests.Interop;

/// <summary>
/// The real peers of the npm package tests/interop (PouchDB 9, pouchdb-server 4.2) for the interop tests and the
/// replication benchmark: paths, running its node scripts with JSON in and out, and processes bounded in time.
/// </summary>
internal static class NodePeers
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PackageFolder => Path.Combine(RepositoryRoot, "tests", "interop");

    /// <summary>Throws (a test fails, never skips) when the npm peers are not installed, naming the command that installs them.</summary>
    public static void RequirePackages()
    {
        foreach (string package in new[] { "pouchdb", "pouchdb-server" })
        {
            if (!Directory.Exists(Path.Combine(PackageFolder, "node_modules", package)))
            {
                throw new InvalidOperationException(
                    $"{package} is not installed: run `npm ci --prefix tests/interop` (looked in {PackageFolder}/node_modules)");
            }
        }
    }

    /// <summary>Runs a node script of tests/interop with JSON on stdin and returns the JSON it prints.</summary>
    public static JsonNode RunScript(string script, object input, TimeSpan timeout)
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

    /// <summary>Runs a program to completion with a time bound; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
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

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for peers that cannot report the port they bound).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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

/// <summary>pouchdb-server 4.2 (npm) with --in-memory on 127.0.0.1, in a temporary working folder; killed on Dispose.</summary>
internal sealed class PouchDbServer : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-pouchdb-server-").FullName;
    private readonly Process _process;

    public PouchDbServer()
    {
        NodePeers.RequirePackages();
        Port = NodePeers.FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            Path.Combine(NodePeers.PackageFolder, "node_modules", "pouchdb-server", "bin", "pouchdb-server"),
            "--in-memory", "--port", Port.ToString(), "--host", "127.0.0.1", "--no-stdout-logs",
            "--config", Path.Combine(_folder, "config.json"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("pouchdb-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilServing();
    }

    public int Port { get; }

    public string Url => "http://127.0.0.1:" + Port;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // pouchdb-server's log file may still be closing; the temp folder goes with the OS's cleaning.
        }
    }

    private void WaitUntilServing()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("pouchdb-server exited with " + _process.ExitCode);
            }

            try
            {
                if (client.GetAsync(Url + "/").Result.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (AggregateException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        Dispose();
        throw new TimeoutException("pouchdb-server did not answer on " + Url + " within 20 s");
    }
}
