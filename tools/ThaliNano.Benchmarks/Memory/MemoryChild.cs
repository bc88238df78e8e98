using System.Text.Json;
using ThaliNano.Firmware.Boards;
using ThaliNano.Http;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The child process of <c>-- memory</c>: it holds nothing but the hub, so its managed heap is the hub's. It composes the
/// hub once in a warm-up folder, serves the parent's warm-up workload with it and disposes it, so that the runtime's
/// lazily made state (socket, file and crypto statics, the thread pool, its cast cache) is in the baseline; then samples
/// the live heap (<see cref="HeapSampler"/>) while it composes the measured hub from the data folder and serves the
/// parent's workload, ticking the periodic work (sampling, beacon) on its own thread meanwhile.
/// Protocol, one line each: out <c>warm-up PORT EPOCH</c>, in anything (phases) until <c>warmed</c>; out
/// <c>baseline</c>, in <c>go</c> (the parent may take a census between the two); out <c>ready PORT EPOCH</c>; in <c>phase LABEL</c> or <c>collect</c> (answered <c>collected</c> once the hub rested:
/// its quiet databases' caches given back, only live objects left for a census), any number, then <c>stop</c>; out <c>result JSON</c> (a <see cref="BoardMeasurement"/>).
/// </summary>
internal static class MemoryChild
{
    public const string Verb = "memory-child";

    /// <summary>The last argument when the child is to write <see cref="PeakDumps"/>.</summary>
    public const string DumpsArgument = "dumps";

    /// <param name="args">
    /// board name, data folder (with <c>hub</c> and <c>warmup</c> provisioned), sample interval ms, tick ms
    /// (<see cref="BoardHub.Tick"/>), <see cref="DumpsArgument"/> or anything else for no dumps.
    /// </param>
    public static int Run(string[] args)
    {
        BoardProfile board = BoardProfile.Find(args[0]) ?? throw new ArgumentException("no board " + args[0]);
        string folder = args[1];
        int interval = int.Parse(args[2]);
        int tickMs = int.Parse(args[3]);
        PeakDumps? dumps = args[4] == DumpsArgument ? new PeakDumps(Directory.CreateDirectory(Path.Combine(folder, "dumps")).FullName) : null;

        // The console's reader and writer exist before any baseline: the protocol's, not the hub's.
        _ = Console.In;
        _ = Console.Out;
        var sampler = new HeapSampler(interval, dumps);
        long cold = HeapSampler.LiveBytes();
        WarmUp(board, Path.Combine(folder, "warmup"), tickMs);
        StartThreadPool();
        long baseline = HeapSampler.LiveBytes();
        Say("baseline");
        if (Console.In.ReadLine() != "go")
        {
            return 1;
        }

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        sampler.Phase = "composing the hub";
        sampler.Start(baseline);

        using BoardHub hub = BoardHub.Start(board, Path.Combine(folder, "hub"));
        sampler.Phase = "idle";
        using var ticking = new TickingThread(hub, tickMs, "periodic work");
        Say("ready " + hub.Port + " " + hub.Device.Hub.Epoch);

        string? line;
        while ((line = Console.In.ReadLine()) != null && line != "stop")
        {
            if (line.StartsWith("phase ", StringComparison.Ordinal))
            {
                sampler.Phase = line[6..];
            }
            else if (line == "collect")
            {
                WaitForNoConnections(hub);
                WaitForRest(hub);
                Collect();
                dumps?.Rest();
                Say("collected");
            }
        }

        ticking.Stop();
        (long peak, string where, long mean) = sampler.Stop();
        long retained = HeapSampler.LiveBytes() - baseline;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var result = new BoardMeasurement(board.Name, board.HubHeapBudgetBytes, peak, where, mean, sampler.Samples, retained,
            baseline - cold, allocated, hub.Radio.Advertisements, hub.Device.Sampler.ReadingsWritten, hub.Device.Hub.Mesh.Contacts, sampler.PhasePeaks(),
            dumps?.BaselinePath, dumps != null && File.Exists(dumps.RestPath) ? dumps.RestPath : null, dumps?.Dumps ?? []);
        Say("result " + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Runs one work item on the thread pool, whose state (the hill-climbing log: 4 KB) belongs in the baseline.</summary>
    private static void StartThreadPool()
    {
        using var ran = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => ran.Set());
        ran.Wait();
        Collect();
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>
    /// Waits (at most 5 s) until the clients' connections are closed and their server threads gone: the hub at rest holds
    /// no connection's state.
    /// </summary>
    private static void WaitForNoConnections(BoardHub hub)
    {
        long deadline = Environment.TickCount64 + 5000;
        HttpServer server = hub.Device.Hub.Server;
        while ((server.ActiveConnections > 0 || server.PendingConnections > 0) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10);
        }

        Thread.Sleep(200);
    }

    /// <summary>
    /// Waits (at most 10 s) for <see cref="BoardHub.RestTicks"/> more ticks of the periodic work: the hub at rest, its quiet
    /// databases' caches given back, as a device between clients.
    /// </summary>
    private static void WaitForRest(BoardHub hub)
    {
        int until = hub.Ticks + BoardHub.RestTicks;
        SpinWait.SpinUntil(() => hub.Ticks >= until, TimeSpan.FromSeconds(10));
    }

    /// <summary>Collects until only live objects remain, so that a census of the heap counts no garbage.</summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>
    /// The same composition in its own folder, serving the parent's warm-up workload (a round of replication and a carrier
    /// contact) while its periodic work ticks, until the parent says <c>warmed</c>; then disposed.
    /// </summary>
    private static void WarmUp(BoardProfile board, string folder, int tickMs)
    {
        using (BoardHub hub = BoardHub.Start(board, folder))
        using (var ticking = new TickingThread(hub, tickMs, "warm-up's periodic work"))
        {
            Say("warm-up " + hub.Port + " " + hub.Device.Hub.Epoch);
            string? line;
            while ((line = Console.In.ReadLine()) != null && line != "warmed")
            {
            }

            ticking.Stop();
        }

        // The hub's threads end with Stop: give them time to be gone and collect what they held before the baseline.
        Thread.Sleep(200);
        Collect();
    }
}
