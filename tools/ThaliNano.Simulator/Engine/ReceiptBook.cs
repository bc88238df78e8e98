using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Simulator.Engine;

/// <summary>
/// The newest receipt a node knows per source (sensor), as carried: the wire to pass on and what
/// <see cref="Receipt.TryParse"/> read from it. Newer means a later issue time, or the same time and more bundles.
/// </summary>
internal sealed class ReceiptBook
{
    private readonly Dictionary<int, (byte[] Wire, Receipt Receipt, long Covered)> _bySource = [];

    public IEnumerable<int> Sources => _bySource.Keys;

    public byte[] WireOf(int source) => _bySource[source].Wire;

    public bool Covers(int source, long sequence) => _bySource.TryGetValue(source, out var entry) && entry.Receipt.Bundles.Contains(sequence);

    /// <summary>True when this book's receipt for <paramref name="source"/> says more than <paramref name="other"/>'s.</summary>
    public bool IsNewerThan(ReceiptBook other, int source) =>
        _bySource.TryGetValue(source, out var mine) && (!other._bySource.TryGetValue(source, out var theirs) || Newer(mine.Receipt, mine.Covered, theirs.Receipt, theirs.Covered));

    /// <summary>Keeps <paramref name="wire"/> when it parses and is newer than what is known; returns what it covers, else null.</summary>
    public RangeSet? TryAdd(int source, byte[] wire)
    {
        if (Receipt.TryParse(wire, out Receipt receipt) != ReceiptRejection.None)
        {
            return null;
        }

        long covered = Count(receipt.Bundles);
        if (_bySource.TryGetValue(source, out var known) && !Newer(receipt, covered, known.Receipt, known.Covered))
        {
            return null;
        }

        _bySource[source] = (wire, receipt, covered);
        return receipt.Bundles;
    }

    private static bool Newer(Receipt a, long aCovered, Receipt b, long bCovered) =>
        a.IssueTime > b.IssueTime || (a.IssueTime == b.IssueTime && aCovered > bCovered);

    private static long Count(RangeSet set)
    {
        long count = set.Contiguous;
        for (int i = 0; i < set.RangeCount; i++)
        {
            set.GetRange(i, out long first, out long last);
            count += last - first + 1;
        }

        return count;
    }
}
