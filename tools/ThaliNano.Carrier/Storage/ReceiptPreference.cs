using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Carrier.Storage;

/// <summary>
/// Which of two receipts for the same (source, destination) a carrier keeps: the one whose set covers the other's
/// (the destination's received set only grows); when the sets are equal or neither covers the other, the later issue
/// time; on a tie the one already kept.
/// </summary>
internal static class ReceiptPreference
{
    public static bool Prefer(Receipt candidate, Receipt kept)
    {
        bool candidateCovers = Covers(candidate.Bundles, kept.Bundles);
        bool keptCovers = Covers(kept.Bundles, candidate.Bundles);
        if (candidateCovers != keptCovers)
        {
            return candidateCovers;
        }

        return candidate.IssueTime > kept.IssueTime;
    }

    /// <summary>True when every number of <paramref name="inner"/> is in <paramref name="outer"/>.</summary>
    public static bool Covers(RangeSet outer, RangeSet inner)
    {
        if (inner.Contiguous > 0 && !outer.ContainsRange(1, inner.Contiguous))
        {
            return false;
        }

        for (int i = 0; i < inner.RangeCount; i++)
        {
            inner.GetRange(i, out long first, out long last);
            if (!outer.ContainsRange(first, last))
            {
                return false;
            }
        }

        return true;
    }
}
