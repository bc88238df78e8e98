namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// One board's figures from the child process, all managed bytes on the host's 64-bit runtime: the peak of the live
/// heap over the baseline taken after a warm-up (see <see cref="MemoryChild"/>), where it happened, and what the
/// workload did.
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
    Dictionary<string, long> PhasePeaks)
{
    public double Ratio => (double)PeakBytes / BudgetBytes;

    public bool Over => PeakBytes > BudgetBytes;
}
