using CsCheck;
using ThaliNano.Mesh.Wire;
using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Mesh.Tests;

public sealed class RangeSetTests
{
    private static readonly Gen<(long First, long Last)[]> s_ranges =
        Gen.Select(Gen.Long[1, 200], Gen.Long[0, 6]).Select(r => (r.Item1, r.Item1 + r.Item2)).Array[0, 12];

    private static RangeSet Of((long First, long Last)[] ranges, int maxRanges = RangeSet.MaxRangesLimit)
    {
        var set = new RangeSet(maxRanges);
        foreach ((long first, long last) in ranges)
        {
            set.AddRange(first, last);
        }

        return set;
    }

    private static HashSet<long> Model((long First, long Last)[] ranges) =>
        ranges.SelectMany(r => Enumerable.Range((int)r.First, (int)(r.Last - r.First + 1)).Select(v => (long)v)).ToHashSet();

    [Fact]
    public void An_empty_set_costs_little_whatever_its_limit_and_grows_to_hold_every_range_it_keeps()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var set = new RangeSet(RangeSet.MaxRangesLimit);
        long emptyBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        for (long i = 1; i <= 2 * RangeSet.MaxRangesLimit; i++)
        {
            set.Add(3 * i);
        }

        Assert.True(emptyBytes < 256, emptyBytes + " bytes for an empty set of up to 255 ranges");
        Assert.Equal(RangeSet.MaxRangesLimit, set.RangeCount);
        Assert.True(set.WasTruncated);
        set.GetRange(RangeSet.MaxRangesLimit - 1, out long first, out long last);
        Assert.Equal((3L * RangeSet.MaxRangesLimit, 3L * RangeSet.MaxRangesLimit), (first, last));
    }

    [Fact]
    public void Contains_exactly_what_was_added()
    {
        s_ranges.Sample(ranges =>
        {
            RangeSet set = Of(ranges);
            HashSet<long> model = Model(ranges);
            for (long v = 1; v <= 210; v++)
            {
                Assert.Equal(model.Contains(v), set.Contains(v));
            }

            Assert.False(set.WasTruncated);
        });
    }

    [Fact]
    public void The_form_is_canonical_contiguous_prefix_then_disjoint_non_adjacent_ranges()
    {
        s_ranges.Sample(ranges =>
        {
            RangeSet set = Of(ranges);
            long previous = set.Contiguous;
            for (int i = 0; i < set.RangeCount; i++)
            {
                set.GetRange(i, out long first, out long last);
                Assert.True(first >= previous + 2 && last >= first);
                previous = last;
            }

            HashSet<long> model = Model(ranges);
            long contiguous = 0;
            while (model.Contains(contiguous + 1))
            {
                contiguous++;
            }

            Assert.Equal(contiguous, set.Contiguous);
        });
    }

    [Fact]
    public void Union_is_commutative_idempotent_and_associative()
    {
        Gen.Select(s_ranges, s_ranges, s_ranges).Sample((a, b, c) =>
        {
            RangeSet ab = Of(a);
            ab.UnionWith(Of(b));
            RangeSet ba = Of(b);
            ba.UnionWith(Of(a));
            Assert.True(ab.SetEquals(ba));

            RangeSet twice = ab.Clone();
            twice.UnionWith(ab);
            Assert.True(twice.SetEquals(ab));

            RangeSet left = ab.Clone();
            left.UnionWith(Of(c));
            RangeSet bc = Of(b);
            bc.UnionWith(Of(c));
            RangeSet right = Of(a);
            right.UnionWith(bc);
            Assert.True(left.SetEquals(right));
        });
    }

    [Fact]
    public void A_full_set_drops_its_highest_ranges_and_never_claims_more()
    {
        s_ranges.Sample(ranges =>
        {
            RangeSet small = Of(ranges, maxRanges: 2);
            RangeSet full = Of(ranges);
            Assert.True(small.RangeCount <= 2);
            Assert.Equal(full.Contiguous, small.Contiguous);
            for (long v = 1; v <= 210; v++)
            {
                Assert.True(!small.Contains(v) || full.Contains(v));
            }

            // Truncation may happen on the way even when the final full set fits (a dropped range can later be
            // bridged), so: more ranges than fit implies truncation, and an untruncated set is exact.
            Assert.True(full.RangeCount <= 2 || small.WasTruncated);
            Assert.True(small.WasTruncated || small.SetEquals(full));
        });
    }

    [Fact]
    public void Encoding_round_trips_and_garbage_is_refused_without_throwing()
    {
        s_ranges.Sample(ranges =>
        {
            RangeSet set = Of(ranges);
            var writer = new WireWriter(16);
            set.WriteTo(writer);
            byte[] bytes = writer.ToArray();
            var reader = new WireReader(bytes, 0, bytes.Length);
            RangeSet back = RangeSet.ReadFrom(reader, RangeSet.MaxRangesLimit);
            Assert.True(back!.SetEquals(set));
            Assert.True(reader.AtEnd);
        });
        Gen.Byte.Array[0, 40].Sample(bytes => RangeSet.ReadFrom(new WireReader(bytes, 0, bytes.Length), 4));
    }

    [Fact]
    public void Limits_of_the_value_space()
    {
        var set = new RangeSet();
        set.AddRange(RangeSet.MaxValue, RangeSet.MaxValue);
        Assert.True(set.Contains(RangeSet.MaxValue));
        Assert.False(set.Contains(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.AddRange(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(RangeSet.MaxValue + 1));
        Assert.Equal("[1-0] [4294967295-4294967295]", set.ToString());
    }
}
