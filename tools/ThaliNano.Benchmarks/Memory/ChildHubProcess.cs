using System.Diagnostics;
using System.Text.Json;
using ThaliNano.Firmware.Boards;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>The benchmark re-launched as <see cref="MemoryChild"/> for one board: start, tell it the phase, stop and read its figures.</summary>
internal sealed class ChildHubProcess : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly object _sync = new();

    public ChildHubProcess(BoardProfile board, string folder, MemoryOptions options)
    {
        string assembly = typeof(ChildHubProcess).Assembly.Location;
        string? host = Environment.ProcessPath;
        var start = new ProcessStartInfo(host != null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            assembly, MemoryChild.Verb, board.Name, folder, options.SampleIntervalMilliseconds.ToString(),
            options.BeaconMilliseconds.ToString(), options.SensorMilliseconds.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("the child process did not start");
        _stderr = _process.StandardError.ReadToEndAsync();
        string[] ready = ReadLine("ready").Split(' ');
        Port = int.Parse(ready[0]);
        Epoch = ready[1];
    }

    public int Port { get; }

    /// <summary>The hub's ThaliKey epoch for this start (clients sign with it).</summary>
    public string Epoch { get; }

    public void SetPhase(string phase)
    {
        lock (_sync)
        {
            _process.StandardInput.WriteLine("phase " + phase);
            _process.StandardInput.Flush();
        }
    }

    public BoardMeasurement Stop()
    {
        lock (_sync)
        {
            _process.StandardInput.WriteLine("stop");
            _process.StandardInput.Flush();
        }

        BoardMeasurement result = JsonSerializer.Deserialize<BoardMeasurement>(ReadLine("result"))
            ?? throw new InvalidDataException("the child sent an empty result");
        if (!_process.WaitForExit(s_timeout) || _process.ExitCode != 0)
        {
            throw new InvalidOperationException("the child process did not end cleanly: " + _stderr.Result);
        }

        return result;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>The rest of the child's next line starting with <paramref name="verb"/> (other output is skipped).</summary>
    private string ReadLine(string verb)
    {
        Task<string> reading = Task.Run(() =>
        {
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) != null)
            {
                if (line.StartsWith(verb + " ", StringComparison.Ordinal))
                {
                    return line[(verb.Length + 1)..];
                }
            }

            throw new InvalidOperationException("the child process ended without '" + verb + "': " + _stderr.Result);
        });
        if (!reading.Wait(s_timeout))
        {
            throw new TimeoutException("no '" + verb + "' from the child process within " + s_timeout.TotalSeconds + " s");
        }

        return reading.Result;
    }
}
