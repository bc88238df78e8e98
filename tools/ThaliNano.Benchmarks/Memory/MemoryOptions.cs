using ThaliNano.Firmware.Boards;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>The command line of <c>-- memory</c>; see tools/ThaliNano.Benchmarks/README.md.</summary>
internal sealed class MemoryOptions
{
    public List<BoardProfile> Boards { get; } = [];

    /// <summary>Replication rounds (each: write, push, pull).</summary>
    public int Rounds { get; set; } = 8;

    /// <summary>New documents per round; half as many earlier ones are updated too.</summary>
    public int Docs { get; set; } = 25;

    /// <summary>Filler characters per document (each is about 60 bytes of JSON besides).</summary>
    public int Size { get; set; } = 40;

    /// <summary>PouchDB's batch_size: documents per _bulk_docs, _bulk_get and _changes page.</summary>
    public int BatchSize { get; set; } = 100;

    public int SampleIntervalMilliseconds { get; set; } = 5;

    /// <summary>Real milliseconds between two ticks of the device's periodic work (<see cref="BoardHub.Tick"/>).</summary>
    public int TickMilliseconds { get; set; } = 100;

    /// <summary>
    /// Whether a census of what the hub keeps after the workload is read from the child's dumps of the baseline and of
    /// the rest (so it needs <see cref="Dumps"/>). The tests leave it out: reading two more dumps takes seconds.
    /// </summary>
    public bool Census { get; set; } = true;

    /// <summary>
    /// Whether the child dumps its heap at the peaks (<see cref="PeakDumps"/>), so that the check judges the hub's own
    /// objects (<see cref="HubPeak"/>); without, it judges the live heap, host runtime caches included.
    /// </summary>
    public bool Dumps { get; set; } = true;

    /// <summary>A budget for every board in place of its profile's (to see the check fail).</summary>
    public long? BudgetBytes { get; set; }

    /// <summary>The workload of the child's warm-up hub: one round of the same replication, with the carrier's contact.</summary>
    public MemoryOptions ForWarmUp() => new() { Rounds = 1, Docs = Docs, Size = Size, BatchSize = BatchSize };

    public static MemoryOptions Parse(string[] args)
    {
        var options = new MemoryOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--quick")
            {
                options.Rounds = 2;
                options.Docs = 10;
                continue;
            }

            if (name == "--no-census")
            {
                options.Census = false;
                continue;
            }

            if (name == "--no-dumps")
            {
                options.Dumps = false;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException(name + " needs a value");
            }

            string value = args[++i];
            switch (name)
            {
                case "--board":
                    options.Boards.Add(BoardProfile.Find(value) ?? throw new ArgumentException("no board '" + value + "'; boards: " + BoardProfile.Names()));
                    break;
                case "--rounds":
                    options.Rounds = Positive(name, value);
                    break;
                case "--docs":
                    options.Docs = Positive(name, value);
                    break;
                case "--size":
                    options.Size = Positive(name, value);
                    break;
                case "--batch":
                    options.BatchSize = Positive(name, value);
                    break;
                case "--interval":
                    options.SampleIntervalMilliseconds = Positive(name, value);
                    break;
                case "--budget-bytes":
                    options.BudgetBytes = Positive(name, value);
                    break;
                default:
                    throw new ArgumentException("unknown option " + name);
            }
        }

        if (options.Boards.Count == 0)
        {
            options.Boards.AddRange(BoardProfile.All());
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, out int n) && n > 0 ? n : throw new ArgumentException(name + " takes a positive number, not '" + value + "'");
}
