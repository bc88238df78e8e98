using Microsoft.Diagnostics.NETCore.Client;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>A heap dump the child wrote at a peak of its live heap: the file, the phase, and the live heap the sampler saw.</summary>
internal sealed record PeakDump(string Path, string Phase, long LiveBytes);

/// <summary>
/// In the child: heap dumps of this process (written by the runtime's own createdump through the diagnostics port, so
/// nothing attaches with ptrace) of the baseline, of the heap's peaks and of the hub at rest, for
/// <see cref="DumpCensus"/> and <see cref="HeapCensus"/> in the parent. A peak's dump follows the sampler's full
/// collection. In each phase of the workload, whenever the live heap passes the phase's last dumped height by 3% (of the height over
/// the baseline) and 1 KB, a new dump replaces the phase's previous one: one dump per phase stays, at its highest
/// sample. Per phase, because the runtime's share of the heap swings by several KB and more: one early spike (composing
/// the hub once stood at 85 KB) would otherwise set a height that no later peak of the hub's own reaches.
/// </summary>
internal sealed class PeakDumps(string folder)
{
    private readonly Dictionary<string, PeakDump> _byPhase = [];
    private readonly Dictionary<string, long> _nextByPhase = [];
    private long _baseline = -1;
    private int _written;

    public string BaselinePath => System.IO.Path.Combine(folder, "baseline.dmp");

    /// <summary>The dump of the hub at rest after the workload (<see cref="Rest"/>), for the census.</summary>
    public string RestPath => System.IO.Path.Combine(folder, "rest.dmp");

    /// <summary>The kept dumps: each phase's highest.</summary>
    public PeakDump[] Dumps => [.. _byPhase.Values];

    public void Baseline(long live)
    {
        Write(BaselinePath);
        _baseline = live;
    }

    /// <summary>Dumps the heap after the workload and the rest, once the child collected its garbage.</summary>
    public void Rest() => Write(RestPath);

    /// <summary>After each of the sampler's collections (from the baseline on): a dump when the phase's heap reached a new height.</summary>
    public void Sample(long live, string phase)
    {
        if (_baseline < 0 || live < _nextByPhase.GetValueOrDefault(phase, _baseline))
        {
            return;
        }

        _nextByPhase[phase] = live + ((live - _baseline) / 32) + 1024;
        string path = System.IO.Path.Combine(folder, "peak-" + (++_written) + ".dmp");
        Write(path);
        if (_byPhase.TryGetValue(phase, out PeakDump? previous))
        {
            File.Delete(previous.Path);
        }

        _byPhase[phase] = new PeakDump(path, phase, live);
    }

    private static void Write(string path) => new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType.WithHeap, path);
}
