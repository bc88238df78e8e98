namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The most the hub's own objects took at one of the child's dumped peaks, over the baseline dump
/// (<see cref="DumpCensus"/>: the host runtime's caches left out, and how much they had grown there), the phase, and
/// the hub's bytes there by owner.
/// </summary>
/// <param name="LeftOut">Peak dumps the reader could not read (<see cref="DumpReaderProcess"/>).</param>
internal sealed record HubPeak(long Bytes, long RuntimeBytes, string Phase, Dictionary<string, long> Owners, int LeftOut)
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
            DumpCensus?[] read = DumpReaderProcess.ReadHub(paths);
            DumpCensus baseline = read[0] ?? throw new InvalidOperationException("the baseline's heap dump could not be read");
            int leftOut = read.Count(c => c == null);
            HubPeak? best = null;
            for (int i = 0; i < dumps.Length; i++)
            {
                if (read[i + 1] is not { } census)
                {
                    continue;
                }

                long bytes = census.HubBytes - baseline.HubBytes;
                if (best == null || bytes > best.Bytes)
                {
                    var owners = census.HubOwners.ToDictionary(p => p.Key, p => p.Value - baseline.HubOwners.GetValueOrDefault(p.Key));
                    best = new HubPeak(bytes, census.RuntimeBytes - baseline.RuntimeBytes, dumps[i].Phase, owners, leftOut);
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
