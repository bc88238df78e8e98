using System.Buffers.Binary;
using ThaliNano.Client.Exchange;

namespace ThaliNano.Client.Tests.Exchange;

public class ComparisonCodeTests
{
    // Chi-square critical values at p = 1e-6 (Wilson-Hilferty): a uniform code exceeds them once in a million runs.
    private const double Critical99 = 181;
    private const double Critical9 = 46;

    [Fact]
    public void Every_code_has_exactly_4294_preimages_below_the_limit_and_the_tail_is_rejected()
    {
        Assert.Equal(4_294_000_000u, ComparisonCode.Limit);
        Assert.True(ComparisonCode.TryReduce(ComparisonCode.Limit - 1, out int last));
        Assert.Equal(999_999, last);
        Assert.False(ComparisonCode.TryReduce(ComparisonCode.Limit, out _));
        Assert.False(ComparisonCode.TryReduce(uint.MaxValue, out _));
        foreach (int code in new[] { 0, 1, 967_295, 967_296, 999_999 })
        {
            // The preimages of a code are code + k * 10^6; with the limit a multiple of 10^6 they are k = 0 .. 4293 for all.
            int accepted = Enumerable.Range(0, 4296).Select(k => (ulong)code + ((ulong)k * 1_000_000))
                .Count(word => word <= uint.MaxValue && ComparisonCode.TryReduce((uint)word, out int c) && c == code);
            Assert.Equal(4294, accepted);
        }
    }

    [Fact]
    public void A_seed_word_in_the_biased_tail_is_skipped_for_the_next_one()
    {
        byte[] seed = new byte[32];
        BinaryPrimitives.WriteUInt32BigEndian(seed, uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(seed.AsSpan(4), 123_456_789);
        Assert.Equal("456789", ComparisonCode.FromSeed(seed));
    }

    [Fact]
    public void A_seed_of_only_rejected_words_is_rehashed_not_reduced()
    {
        byte[] seed = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        string expected = ComparisonCode.FromSeed(System.Security.Cryptography.SHA256.HashData(seed));
        Assert.Equal(expected, ComparisonCode.FromSeed(seed));
    }

    [Fact]
    public void Codes_of_the_protocol_are_uniform_over_a_hundred_buckets_and_in_every_digit()
    {
        const int runs = 200_000;
        Func<int, byte[]> random = Identities.Seeded(42);
        string alice = Identities.Url("alice").ToString();
        string bob = Identities.Url("bob").ToString();
        int[] buckets = new int[100];
        int[,] digits = new int[6, 10];
        for (int i = 0; i < runs; i++)
        {
            string code = CoinFlipHashes.Code(alice, bob, random(32), random(32));
            buckets[int.Parse(code) / 10_000]++;
            for (int d = 0; d < 6; d++)
            {
                digits[d, code[d] - '0']++;
            }
        }

        Assert.InRange(ChiSquare(buckets), 0, Critical99);
        for (int d = 0; d < 6; d++)
        {
            Assert.InRange(ChiSquare(Enumerable.Range(0, 10).Select(v => digits[d, v]).ToArray()), 0, Critical9);
        }
    }

    [Fact]
    public void The_uniformity_check_catches_a_modulo_biased_code()
    {
        // What a reduction of 21-bit words mod 10^6 would give: codes below 97,152 three times as often as the rest.
        Func<int, byte[]> random = Identities.Seeded(7);
        int[] buckets = new int[100];
        for (int i = 0; i < 200_000; i++)
        {
            buckets[(int)(BinaryPrimitives.ReadUInt32BigEndian(random(4)) % (1u << 21) % 1_000_000) / 10_000]++;
        }

        Assert.True(ChiSquare(buckets) > Critical99);
    }

    private static double ChiSquare(int[] counts)
    {
        double expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
