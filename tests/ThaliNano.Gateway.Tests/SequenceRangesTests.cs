using CsCheck;
using ThaliNano.Gateway.Ledger;

namespace ThaliNano.Gateway.Tests;

public sealed class SequenceRangesTests
{
    [Fact]
    public void Holds_exactly_the_sequences_added_in_any_order_and_cuts_range_sets_from_the_top()
    {
        Gen.Long[1, 200].Array[0, 150].Sample(sequences =>
        {
            var ranges = new SequenceRanges();
            var expected = new HashSet<long>();
            foreach (long sequence in sequences)
            {
                Assert.Equal(expected.Add(sequence), ranges.Add(sequence));
            }

            Assert.Equal(expected.Count, ranges.Count);
            for (long s = 1; s <= 201; s++)
            {
                Assert.Equal(expected.Contains(s), ranges.Contains(s));
                Assert.Equal(expected.Contains(s), ranges.ToRangeSet(255).Contains(s));
            }

            var cut = ranges.ToRangeSet(2);
            Assert.All(Enumerable.Range(1, 200), s => Assert.True(!cut.Contains(s) || expected.Contains(s)));
        });
    }
}
