using Microsoft.Diagnostics.NETCore.Client;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>A heap dump the child wrote at a peak of its live heap: the file, the phase, and the live heap the sampler saw.</summary>
internal sealed record PeakDump(string Path, string Phase, long LiveBytes);

/// <summary>
/// In the child: heap dumps of this process (written by the runtime's own createdump through the diagnostics port, so
/// nothing attaches with ptrace) of the baseline, of the heap's peaks and of the hub at rest, for
/// <see cref="DumpCensus"/> and <see cref="HeapCensus"/> in the parent. A dump follows the sampler's full collection, so
/// every object that survived it (generation 1 and up) was live then.
/// Whenever the live heap over the baseline passes the last dumped height by 3% and 1 KB, a new dump is written (ten to
/// thirty in a run) and only the <see cref="Kept"/> highest stay: the hub's own objects peak with the heap, give or take
/// what the runtime keeps apart, which <see cref="DumpCensus"/> leaves out; the steps are small and the dumps kept many
/// because the runtime's share swings by several KB, so the heap's highest samples are not always the hub's.
/// </summary>
internal sealed class PeakDumps(string folder)
{
    public const int Kept = 8;

    private readonly Queue<PeakDump> _kept = new(Kept + 1);
    private long _baseline;
    private long _next = long.MaxValue;
    private int _written;

    public string BaselinePath => System.IO.Path.Combine(folder, "baseline.dmp");

    /// <summary>The dump of the hub at rest after the workload (<see cref="Rest"/>), for the census.</summary>
    public string RestPath => System.IO.Path.Combine(folder, "rest.dmp");

    /// <summary>The kept dumps, lowest first.</summary>
    public PeakDump[] Dumps => [.. _kept];

    public void Baseline(long live)
    {
        Write(BaselinePath);
        _baseline = live;
        _next = live;
    }

    /// <summary>Dumps the heap after the workload and the rest, once the child collected its garbage.</summary>
    public void Rest() => Write(RestPath);

    /// <summary>After each of the sampler's collections: a dump when the heap reached a new height.</summary>
    public void Sample(long live, string phase)
    {
        if (live < _next)
        {
            return;
        }

        _next = live + ((live - _baseline) / 32) + 1024;
        string path = System.IO.Path.Combine(folder, "peak-" + (++_written) + ".dmp");
        Write(path);
        _kept.Enqueue(new PeakDump(path, phase, live));
        if (_kept.Count > Kept)
        {
            File.Delete(_kept.Dequeue().Path);
        }
    }

    private static void Write(string path) => new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType.WithHeap, path);
}
