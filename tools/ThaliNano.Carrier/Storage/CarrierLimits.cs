using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Carrier.Storage;

/// <summary>The bounds of a carrier's buffer and bookkeeping; every table stays within one of them.</summary>
public sealed class CarrierLimits
{
    /// <summary>Sealed bytes held at most (the sum of the bundles' sizes).</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Bundles held at most.</summary>
    public int MaxBundles { get; init; } = 10_000;

    /// <summary>The largest bundle taken (header parse limit): at most one contact record.</summary>
    public int MaxBundleBytes { get; init; } = ContactLimits.MaxRecordBytes;

    /// <summary>Receipts kept at most (one per source and destination); the least recently received go first.</summary>
    public int MaxReceipts { get; init; } = 4096;

    /// <summary>Custody acknowledgements owed at most (to peers not met again); the oldest go first.</summary>
    public int MaxAcksOwed { get; init; } = 10_000;

    internal void Validate()
    {
        if (MaxBytes < 1 || MaxBundles < 1 || MaxReceipts < 1 || MaxAcksOwed < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CarrierLimits), "every carrier limit is at least 1");
        }

        if (MaxBundleBytes < BundleFormat.MinimumBytes || MaxBundleBytes > ContactLimits.MaxRecordBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBundleBytes), "a bundle limit lies between the smallest bundle and one contact record ("
                + ContactLimits.MaxRecordBytes + " bytes)");
        }
    }
}
