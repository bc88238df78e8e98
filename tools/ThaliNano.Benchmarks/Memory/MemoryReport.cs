namespace ThaliNano.Benchmarks.Memory;

/// <summary>The table of <c>-- memory</c> and its check: every board's peak at most its budget.</summary>
internal static class MemoryReport
{
    /// <summary>Prints the table and the check; true when every board is within its budget.</summary>
    public static bool Print(TextWriter output, IReadOnlyList<Row> rows)
    {
        output.WriteLine();
        output.WriteLine("| board | budget | peak live | ratio | peak during | samples | mean live | retained after | allocated | docs pushed / pulled | bundles carried | beacons | readings |");
        output.WriteLine("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (Row row in rows)
        {
            BoardMeasurement m = row.Measurement;
            output.WriteLine($"| {m.Board} | {Kb(m.BudgetBytes)} | {Kb(m.PeakBytes)} | {m.Ratio:F2} | {m.PeakPhase} | {m.Samples} | {Kb(m.MeanBytes)} | "
                + $"{Kb(m.RetainedBytes)} | {Kb(m.AllocatedBytes)} | {row.Pushed} / {row.Pulled} | {row.Bundles} | {m.Beacons} | {m.Readings} |");
        }

        output.WriteLine();
        output.WriteLine("Managed bytes of the .NET 10 64-bit runtime over a warm baseline (warm-up hub disposed; it left "
            + string.Join(", ", rows.Select(r => r.Measurement.Board + " " + Kb(r.Measurement.ColdBaselineDeltaBytes)))
            + " of runtime and static state, not counted).");
        List<BoardMeasurement> over = rows.Select(r => r.Measurement).Where(m => m.Over).ToList();
        if (over.Count == 0)
        {
            output.WriteLine("check passed: every board's peak is within its hub heap budget");
            return true;
        }

        foreach (BoardMeasurement m in over)
        {
            output.WriteLine($"check failed: {m.Board} peaked at {Kb(m.PeakBytes)}, over its budget of {Kb(m.BudgetBytes)} ({m.PeakPhase})");
        }

        return false;
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("F1") + " KB";

    /// <summary>One board's measurement and what the clients did.</summary>
    public sealed record Row(BoardMeasurement Measurement, int Pushed, int Pulled, int Bundles);
}
