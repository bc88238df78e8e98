namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The most the hub's own objects took at one of the child's dumped peaks, over the baseline dump
/// (<see cref="DumpCensus"/>: the host runtime's caches left out, and how much they had grown there), the phase, and
/// the hub's bytes there by owner.
/// </summary>
internal sealed record HubPeak(long Bytes, long RuntimeBytes, string Phase, Dictionary<string, long> Owners)
{
    /// <summary>Reads the dumps, deleting each once read; null when there are none.</summary>
    public static HubPeak? Read(string? baselineDump, PeakDump[] dumps)
    {
        if (baselineDump == null || dumps.Length == 0)
        {
            return null;
        }

        DumpCensus baseline = ReadAndDelete(baselineDump);
        HubPeak? best = null;
        foreach (PeakDump dump in dumps)
        {
            DumpCensus census = ReadAndDelete(dump.Path);
            long bytes = census.HubBytes - baseline.HubBytes;
            if (best == null || bytes > best.Bytes)
            {
                var owners = census.HubOwners.ToDictionary(p => p.Key, p => p.Value - baseline.HubOwners.GetValueOrDefault(p.Key));
                best = new HubPeak(bytes, census.RuntimeBytes - baseline.RuntimeBytes, dump.Phase, owners);
            }
        }

        return best;
    }

    private static DumpCensus ReadAndDelete(string path)
    {
        try
        {
            return DumpCensus.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
