using ThaliNano.Firmware.Boards;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// <c>-- memory</c>: for each board profile, the device composition with that board's configuration runs in a child
/// process (<see cref="MemoryChild"/>) under steady PouchDB replication, one carrier contact, beacons and the sensor
/// sampler (<see cref="HubWorkload"/>); prints the peak live managed bytes against the board's budget and returns 1
/// ("check failed") when any board is over.
/// </summary>
internal static class MemoryBenchmark
{
    public static int Run(string[] args)
    {
        MemoryOptions options;
        try
        {
            options = MemoryOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Console.WriteLine($"Steady replication: {options.Rounds} rounds of {options.Docs} new + {options.Docs / 2} updated docs "
            + $"(~{options.Size + 60} B of JSON each, batch_size {options.BatchSize}), push then pull, PouchDB 9 over plain HTTP with ThaliKey proofs; "
            + $"one carrier contact during push {(options.Rounds + 1) / 2}; every {options.TickMilliseconds} ms the device's periodic work "
            + $"(an SHT3x reading, the beacon check); live heap sampled every {options.SampleIntervalMilliseconds} ms.");
        var results = new List<MemoryReport.Row>();
        foreach (BoardProfile board in options.Boards)
        {
            results.Add(Measure(board, options));
        }

        return MemoryReport.Print(Console.Out, results) ? 0 : 1;
    }

    private static Dictionary<string, HeapCensus.Tally> Retained(string restDump, string baselineDump)
    {
        HeapCensus?[] read = DumpReaderProcess.ReadTypes([restDump, baselineDump]);
        return read is [{ } rest, { } baseline] ? rest.Since(baseline) : [];
    }

    /// <summary>Measures one board: provisions a temporary folder, runs the child and the workload, deletes the folder.</summary>
    public static MemoryReport.Row Measure(BoardProfile board, MemoryOptions options)
    {
        string folder = Directory.CreateTempSubdirectory("thali-memory-" + board.Name + "-").FullName;
        try
        {
            HubSetup setup = HubSetup.Provision(Path.Combine(folder, "hub"), board);
            HubSetup warmUpSetup = HubSetup.Provision(Path.Combine(folder, "warmup"), board);
            using var child = new ChildHubProcess(board, folder, options);
            new HubWorkload(child, warmUpSetup, Path.Combine(folder, "warmup-clients"), options.ForWarmUp()).Run();
            child.FinishWarmUp();
            child.Go();
            var workload = new HubWorkload(child, setup, folder, options);
            workload.Run();
            child.SetPhase("at rest");
            child.Collect();
            BoardMeasurement measured = child.Stop();
            Dictionary<string, HeapCensus.Tally> retained = options.Census && measured is { BaselineDump: { } before, RestDump: { } rest }
                ? Retained(rest, before)
                : [];
            if (options.BudgetBytes is long budget)
            {
                measured = measured with { BudgetBytes = budget };
            }

            return new MemoryReport.Row(measured, workload.Pushed, workload.Pulled, workload.Contact?.BundlesReceived ?? 0, retained,
                HubPeak.Read(measured.BaselineDump, measured.Dumps));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
