namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The most the hub's own objects took at one of the child's dumped peaks, over the baseline dump
/// (<see cref="DumpCensus"/>: the host runtime's caches left out, and how much they had grown there), the phase, and
/// the hub's bytes there by owner.
/// </summary>
internal sealed record HubPeak(long Bytes, long RuntimeBytes, string Phase, Dictionary<string, long> Owners)
{
    /// <summary>Reads the dumps (<see cref="DumpReaderProcess"/>) and deletes them; null when there are none.</summary>
    public static HubPeak? Read(string? baselineDump, PeakDump[] dumps)
    {
        if (baselineDump == null || dumps.Length == 0)
        {
            return null;
        }

        string[] paths = [baselineDump, .. dumps.Select(d => d.Path)];
        try
        {
            DumpCensus[] read = DumpReaderProcess.ReadHub(paths);
            DumpCensus baseline = read[0];
            HubPeak? best = null;
            for (int i = 0; i < dumps.Length; i++)
            {
                DumpCensus census = read[i + 1];
                long bytes = census.HubBytes - baseline.HubBytes;
                if (best == null || bytes > best.Bytes)
                {
                    var owners = census.HubOwners.ToDictionary(p => p.Key, p => p.Value - baseline.HubOwners.GetValueOrDefault(p.Key));
                    best = new HubPeak(bytes, census.RuntimeBytes - baseline.RuntimeBytes, dumps[i].Phase, owners);
                }
            }

            return best;
        }
        finally
        {
            foreach (string path in paths)
            {
                File.Delete(path);
            }
        }
    }
}
