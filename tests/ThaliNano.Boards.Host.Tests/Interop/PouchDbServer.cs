using System.Diagnostics;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>pouchdb-server 4.2 (npm) with --in-memory on 127.0.0.1, in a temporary working folder; killed on Dispose.</summary>
internal sealed class PouchDbServer : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-pouchdb-server-").FullName;
    private readonly Process _process;

    public PouchDbServer()
    {
        Interop.RequirePackages();
        Port = Interop.FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            Path.Combine(Interop.PackageFolder, "node_modules", "pouchdb-server", "bin", "pouchdb-server"),
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
            }

            Thread.Sleep(100);
        }

        Dispose();
        throw new TimeoutException("pouchdb-server did not answer on " + Url + " within 20 s");
    }
}
