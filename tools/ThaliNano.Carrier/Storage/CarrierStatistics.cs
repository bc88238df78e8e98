namespace ThaliNano.Carrier.Storage;

/// <summary>A snapshot of a carrier's buffer and counters.</summary>
public sealed record CarrierStatistics(
    int BundlesHeld,
    long BytesHeld,
    int ReceiptsKnown,
    int AcksOwed,
    int OffersOutstanding,
    IReadOnlyDictionary<CarrierCounter, long> Counters)
{
    public long this[CarrierCounter counter] => Counters.TryGetValue(counter, out long value) ? value : 0;
}
