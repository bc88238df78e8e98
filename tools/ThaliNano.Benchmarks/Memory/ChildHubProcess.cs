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
        ProcessStartInfo start = SelfProcess.StartInfo(
        [
            MemoryChild.Verb, board.Name, folder, options.SampleIntervalMilliseconds.ToString(),
            options.TickMilliseconds.ToString(), options.Dumps ? MemoryChild.DumpsArgument : "no-dumps",
        ]);
        // Under a heap limit with its high-memory mark at 1% (hexadecimal values), every collection finds the memory load
        // high, and ArrayPool.Shared then empties its per-thread caches at each one: a thread that once enumerated a
        // directory would otherwise keep an 8 KB char[] for life, which the nanoCLR has no counterpart of.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x4000000";
        start.Environment["DOTNET_GCHighMemPercent"] = "0x1";

        _process = Process.Start(start) ?? throw new InvalidOperationException("the child process did not start");
        _stderr = _process.StandardError.ReadToEndAsync();
        StartedHub(ReadLine("warm-up"));
    }

    /// <summary>The port of the hub the child serves: the warm-up hub's until <see cref="Go"/>, then the measured hub's.</summary>
    public int Port { get; private set; }

    /// <summary>That hub's ThaliKey epoch for this start (clients sign with it).</summary>
    public string Epoch { get; private set; } = "";

    /// <summary>Ends the warm-up: the child disposes the warm-up hub and takes its baseline.</summary>
    public void FinishWarmUp()
    {
        Send("warmed");
        ReadLine("baseline");
    }

    /// <summary>Lets the child, waiting at its baseline, compose and start the hub.</summary>
    public void Go()
    {
        Send("go");
        StartedHub(ReadLine("ready"));
    }

    /// <summary>Has the child collect its garbage; returns once it did.</summary>
    public void Collect()
    {
        Send("collect");
        ReadLine("collected");
    }

    public void SetPhase(string phase) => Send("phase " + phase);

    public BoardMeasurement Stop()
    {
        Send("stop");

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

    /// <param name="line">"PORT EPOCH" of a hub the child started.</param>
    private void StartedHub(string line)
    {
        string[] parts = line.Split(' ');
        Port = int.Parse(parts[0]);
        Epoch = parts[1];
    }

    private void Send(string line)
    {
        lock (_sync)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
    }

    /// <summary>The rest of the child's next line starting with <paramref name="verb"/> (other output is skipped).</summary>
    private string ReadLine(string verb)
    {
        Task<string> reading = Task.Run(() =>
        {
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) != null)
            {
                if (line == verb || line.StartsWith(verb + " ", StringComparison.Ordinal))
                {
                    return line[verb.Length..].TrimStart();
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
