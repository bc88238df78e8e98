namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// One board's figures from the child process, all managed bytes on the host's 64-bit runtime: the peak of the live
/// heap over the baseline taken after a warm-up (see <see cref="MemoryChild"/>), where it happened, what the workload
/// did, and (with dumps) the heap dumps of the baseline, of the hub at rest after the workload and of the highest peaks
/// (<see cref="PeakDumps"/>).
/// </summary>
internal sealed record BoardMeasurement(
    string Board,
    long BudgetBytes,
    long PeakBytes,
    string PeakPhase,
    long MeanBytes,
    int Samples,
    long RetainedBytes,
    long ColdBaselineDeltaBytes,
    long AllocatedBytes,
    int Beacons,
    int Readings,
    long Contacts,
    Dictionary<string, long> PhasePeaks,
    string? BaselineDump,
    string? RestDump,
    PeakDump[] Dumps);
