namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// Samples the live managed heap on its own thread: every interval a full blocking collection
/// (<c>GC.GetTotalMemory(true)</c>), so each sample is what is reachable at that moment, not garbage awaiting a GC.
/// Keeps the peak, the phase it happened in and each phase's own peak; allocates nothing per sample (one entry per new phase). A peak between two samples is missed,
/// hence the sample count in the report.
/// </summary>
internal sealed class HeapSampler
{
    private const int MaxPhases = 128;

    private readonly int _intervalMilliseconds;
    private long _baseline;
    private readonly Thread _thread;
    private volatile string _phase = "start";
    private volatile bool _stopping;
    private long _peak;
    private string _peakPhase = "start";
    private long _sum;
    // Made before the baseline, with room for every phase of a run, so the benchmark's own table is not counted.
    private readonly Dictionary<string, long> _phasePeaks = new(MaxPhases);

    private static readonly System.Reflection.FieldInfo? s_castCache = typeof(object).Assembly
        .GetType("System.Runtime.CompilerServices.CastHelpers")?.GetField("s_table", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);

    private readonly PeakDumps? _dumps;

    public HeapSampler(int intervalMilliseconds, PeakDumps? dumps)
    {
        _intervalMilliseconds = intervalMilliseconds;
        _dumps = dumps;
        _thread = new Thread(Run) { IsBackground = true, Name = "heap sampler" };
    }

    public int Samples { get; private set; }

    /// <summary>What the workload is doing now: the label a new peak is recorded with.</summary>
    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>Starts sampling; figures are reported over <paramref name="baseline"/> (live bytes before the hub).</summary>
    public void Start(long baseline)
    {
        _baseline = baseline;
        _dumps?.Baseline(baseline);
        _thread.Start();
    }

    /// <summary>Each phase's highest sample over the baseline, in the order the phases came.</summary>
    public Dictionary<string, long> PhasePeaks()
    {
        lock (_phasePeaks)
        {
            return _phasePeaks.ToDictionary(p => p.Key, p => p.Value - _baseline);
        }
    }

    /// <summary>Stops sampling after one last sample; returns the peak over the baseline and the phase it happened in.</summary>
    public (long PeakBytes, string PeakPhase, long MeanBytes) Stop()
    {
        _stopping = true;
        _thread.Join();
        return (_peak - _baseline, _peakPhase, Samples == 0 ? 0 : (_sum / Samples) - _baseline);
    }

    /// <summary>
    /// The live heap after a full blocking collection, less the runtime's cast cache (<c>CastHelpers.s_table</c>, read by
    /// reflection): collections flush it and casts grow it again, by up to 12 KB, which would otherwise rank the
    /// samples by the runtime's state rather than the hub's (the nanoCLR has no such cache).
    /// </summary>
    public static long LiveBytes()
    {
        long live = GC.GetTotalMemory(forceFullCollection: true);
        return s_castCache?.GetValue(null) is Array table ? live - Buffer.ByteLength(table) - 24 : live;
    }

    private void Run()
    {
        while (true)
        {
            bool last = _stopping;
            string phase = _phase;
            long live = LiveBytes();
            Samples++;
            _sum += live;
            lock (_phasePeaks)
            {
                if (!_phasePeaks.TryGetValue(phase, out long phasePeak) || live > phasePeak)
                {
                    _phasePeaks[phase] = live;
                }
            }

            _dumps?.Sample(live, phase);
            if (live > _peak)
            {
                _peak = live;
                _peakPhase = phase;
            }

            if (last)
            {
                return;
            }

            Thread.Sleep(_intervalMilliseconds);
        }
    }
}
