using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Gateway.Ledger;

/// <summary>
/// Every creation sequence received from one source, exactly, as ascending disjoint non-adjacent ranges (a
/// <see cref="RangeSet"/> is bounded and may drop ranges; this is the truth it is cut from).
/// </summary>
public sealed class SequenceRanges
{
    private readonly List<(long First, long Last)> _ranges = new();

    public int RangeCount => _ranges.Count;

    public long Count { get; private set; }

    public bool Contains(long sequence)
    {
        int i = IndexAfter(sequence) - 1;
        return i >= 0 && _ranges[i].Last >= sequence;
    }

    /// <summary>Adds one sequence; false when it was already there.</summary>
    public bool Add(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, RangeSet.MaxValue);
        int next = IndexAfter(sequence);
        int previous = next - 1;
        if (previous >= 0 && _ranges[previous].Last >= sequence)
        {
            return false;
        }

        bool joinsPrevious = previous >= 0 && _ranges[previous].Last == sequence - 1;
        bool joinsNext = next < _ranges.Count && _ranges[next].First == sequence + 1;
        if (joinsPrevious && joinsNext)
        {
            _ranges[previous] = (_ranges[previous].First, _ranges[next].Last);
            _ranges.RemoveAt(next);
        }
        else if (joinsPrevious)
        {
            _ranges[previous] = (_ranges[previous].First, sequence);
        }
        else if (joinsNext)
        {
            _ranges[next] = (sequence, _ranges[next].Last);
        }
        else
        {
            _ranges.Insert(next, (sequence, sequence));
        }

        Count++;
        return true;
    }

    /// <summary>
    /// The set, with every sequence below <paramref name="settledBelow"/> added (0 adds none), as a <see cref="RangeSet"/>
    /// of at most <paramref name="maxRanges"/> ranges (the highest dropped).
    /// </summary>
    public RangeSet ToRangeSet(int maxRanges, long settledBelow = 0)
    {
        var set = new RangeSet(maxRanges);
        if (settledBelow > 1)
        {
            set.AddRange(1, settledBelow - 1);
        }

        foreach ((long first, long last) in _ranges)
        {
            set.AddRange(first, last);
        }

        return set;
    }

    /// <summary>The index of the first range starting above <paramref name="sequence"/>.</summary>
    private int IndexAfter(long sequence)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (_ranges[middle].First <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
