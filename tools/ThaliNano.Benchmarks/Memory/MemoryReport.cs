namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The table of <c>-- memory</c> and its check: every board's peak at most its budget. The peak judged is the hub's own
/// objects at the dumped peaks (<see cref="HubPeak"/>), else (<c>--no-dumps</c>) the live heap's (which also counts
/// the host runtime's caches grown since the baseline: conservative).
/// </summary>
internal static class MemoryReport
{
    private const int TopTypes = 25;
    private const int TopOwners = 12;

    /// <summary>Prints the table and the check; true when every board is within its budget.</summary>
    public static bool Print(TextWriter output, IReadOnlyList<Row> rows)
    {
        output.WriteLine();
        output.WriteLine("| board | budget | hub objects at peak | ratio | peak during | peak live heap | samples | mean live | retained after | allocated | docs pushed / pulled | bundles carried | beacons | readings |");
        output.WriteLine("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (Row row in rows)
        {
            BoardMeasurement m = row.Measurement;
            string hub = row.Hub == null ? "(no dumps)" : Kb(row.Hub.Bytes);
            output.WriteLine($"| {m.Board} | {Kb(m.BudgetBytes)} | {hub} | {row.Ratio:F2} | {row.JudgedPhase} | {Kb(m.PeakBytes)} | {m.Samples} | "
                + $"{Kb(m.MeanBytes)} | {Kb(m.RetainedBytes)} | {Kb(m.AllocatedBytes)} | {row.Pushed} / {row.Pulled} | {row.Bundles} | {m.Beacons} | {m.Readings} |");
        }

        output.WriteLine();
        output.WriteLine("Managed bytes of the .NET 10 64-bit runtime over a warm baseline (warm-up hub disposed; it left "
            + string.Join(", ", rows.Select(r => r.Measurement.Board + " " + Kb(r.Measurement.ColdBaselineDeltaBytes)))
            + " of runtime and static state, not counted).");
        foreach (Row row in rows)
        {
            PrintCensus(output, row);
        }

        List<Row> over = rows.Where(r => r.Over).ToList();
        if (over.Count == 0)
        {
            output.WriteLine("check passed: every board's peak is within its hub heap budget");
            return true;
        }

        foreach (Row row in over)
        {
            output.WriteLine($"check failed: {row.Measurement.Board} peaked at {Kb(row.JudgedBytes)}, over its budget of {Kb(row.Measurement.BudgetBytes)} ({row.JudgedPhase})");
        }

        return false;
    }

    /// <summary>Each phase's peak, then (when a census was taken) what the hub kept after the workload, by type, largest first.</summary>
    private static void PrintCensus(TextWriter output, Row row)
    {
        output.WriteLine();
        output.WriteLine(row.Measurement.Board + ": peak of the live heap by phase: " + string.Join(", ", row.Measurement.PhasePeaks.Select(p => p.Key + " " + Kb(p.Value))));
        if (row.Hub is { } hub)
        {
            output.WriteLine($"{row.Measurement.Board}: the hub's objects at their peak ({hub.Phase}), by the ThaliNano object holding them: "
                + string.Join(", ", hub.Owners.Where(p => p.Value > 0).OrderByDescending(p => p.Value).Take(TopOwners).Select(p => p.Key.Replace("ThaliNano.", "") + " " + Kb(p.Value)))
                + $"; the host runtime's caches had grown by {Kb(hub.RuntimeBytes)} there (not counted)"
                + (hub.LeftOut > 0 ? $"; {hub.LeftOut} peak dump(s) could not be read and are left out." : "."));
        }
        if (row.Retained.Count == 0)
        {
            return;
        }

        output.WriteLine($"Live objects kept after the workload, over the baseline, by type (ClrMD census): "
            + $"{Kb(row.RetainedHostBytes)} on the host, ~{Kb(row.RetainedNanoBytes)} on the nanoCLR (estimated: HeapCensus.NanoBytes); "
            + $"the peak at the same ratio: ~{Kb(row.NanoPeakEstimate)} on the nanoCLR.");
        output.WriteLine("| type | objects | host bytes | nanoCLR bytes (est.) |");
        output.WriteLine("|---|--:|--:|--:|");
        foreach ((string type, HeapCensus.Tally t) in row.Retained.OrderByDescending(p => p.Value.HostBytes).Take(TopTypes))
        {
            output.WriteLine($"| {type} | {t.Count} | {t.HostBytes} | {t.NanoBytes} |");
        }
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("F1") + " KB";

    /// <summary>One board's measurement, what the clients did, and the objects the hub kept after the workload, by type.</summary>
    public sealed record Row(BoardMeasurement Measurement, int Pushed, int Pulled, int Bundles, Dictionary<string, HeapCensus.Tally> Retained, HubPeak? Hub)
    {
        /// <summary>What the check judges: the hub's objects at their peak, or without dumps the live heap's peak.</summary>
        public long JudgedBytes => Hub?.Bytes ?? Measurement.PeakBytes;

        public string JudgedPhase => Hub?.Phase ?? Measurement.PeakPhase;

        public double Ratio => (double)JudgedBytes / Measurement.BudgetBytes;

        public bool Over => JudgedBytes > Measurement.BudgetBytes;

        public long RetainedHostBytes => Retained.Values.Sum(t => t.HostBytes);

        public long RetainedNanoBytes => Retained.Values.Sum(t => t.NanoBytes);

        /// <summary>The peak scaled by the kept objects' nanoCLR-to-host ratio: a rough figure for the device.</summary>
        public long NanoPeakEstimate => RetainedHostBytes <= 0 ? 0 : JudgedBytes * RetainedNanoBytes / RetainedHostBytes;
    }
}
