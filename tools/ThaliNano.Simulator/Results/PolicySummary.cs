namespace ThaliNano.Simulator.Results;

/// <summary>
/// One policy over all seeds, pooled: delivery ratio = delivered / created; overhead = (relays - deliveries) /
/// deliveries; latencies in minutes over every delivered message; buffer time in minutes over every copy stored;
/// drops per seed; the bytes all buffers hold, averaged over the run's samples.
/// </summary>
public sealed record PolicySummary(
    PolicyKind Policy,
    int Created,
    int Delivered,
    double DeliveryRatio,
    long Relays,
    double Overhead,
    double LatencyMeanMinutes,
    double LatencyMedianMinutes,
    double MeanBufferMinutes,
    double DropsPerSeed,
    double MeanHeldKilobytes)
{
    public static PolicySummary Of(PolicyKind policy, IReadOnlyList<PolicyRun> runs)
    {
        int created = runs.Sum(r => r.Created);
        int delivered = runs.Sum(r => r.Delivered);
        long relays = runs.Sum(r => r.Relays);
        double[] latencies = [.. runs.SelectMany(r => r.Latencies).Order()];
        long copies = runs.Sum(r => r.CopiesStored);
        return new PolicySummary(
            policy,
            created,
            delivered,
            created == 0 ? 0 : (double)delivered / created,
            relays,
            delivered == 0 ? double.PositiveInfinity : (double)(relays - delivered) / delivered,
            latencies.Length == 0 ? double.NaN : latencies.Average() / 60,
            latencies.Length == 0 ? double.NaN : Median(latencies) / 60,
            copies == 0 ? 0 : runs.Sum(r => r.BufferSecondsTotal) / copies / 60,
            runs.Count == 0 ? 0 : (double)runs.Sum(r => r.Drops) / runs.Count,
            runs.SelectMany(r => r.Samples).DefaultIfEmpty().Average(s => s.PhoneBufferBytes + s.SensorBufferBytes) / 1000);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
