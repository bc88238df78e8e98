using System.Security.Cryptography;
using CsCheck;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Wire;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Mesh.Tests;

public sealed class ReceiptTests
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    private SealKey Key => new(_secret, MeshFixture.Source, MeshFixture.Destination);

    private static RangeSet Set(params (long First, long Last)[] ranges)
    {
        var set = new RangeSet();
        foreach ((long first, long last) in ranges)
        {
            set.AddRange(first, last);
        }

        return set;
    }

    [Fact]
    public void An_issued_receipt_verifies_at_the_source()
    {
        byte[] wire = Receipt.Issue(Key, Set((1, 10), (14, 20)), MeshFixture.Now);

        Assert.Equal(ReceiptRejection.None, Receipt.Verify(wire, Key, out Receipt receipt));
        Assert.Equal(10, receipt.Bundles.Contiguous);
        Assert.True(receipt.Bundles.ContainsRange(14, 20));
        Assert.Equal(MeshFixture.Now, receipt.IssueTime);
        Assert.True(wire.Length < 100, wire.Length.ToString());
    }

    [Fact]
    public void A_widened_receipt_is_refused()
    {
        byte[] wire = Receipt.Issue(Key, Set((1, 10)), MeshFixture.Now);
        var writer = new WireWriter(128);
        writer.WriteBytes(wire, 0, Receipt.FixedBytes);
        Set((1, 1000)).WriteTo(writer);
        writer.WriteBytes(wire, wire.Length - Receipt.TagBytes, Receipt.TagBytes);

        Assert.Equal(ReceiptRejection.BadTag, Receipt.Verify(writer.ToArray(), Key, out Receipt receipt));
        Assert.Null(receipt);
    }

    [Fact]
    public void Every_bit_flip_is_refused()
    {
        byte[] wire = Receipt.Issue(Key, Set((1, 10), (12, 12)), MeshFixture.Now);
        for (int i = 0; i < wire.Length * 8; i++)
        {
            wire[i / 8] ^= (byte)(1 << (i % 8));
            Assert.NotEqual(ReceiptRejection.None, Receipt.Verify(wire, Key, out _));
            wire[i / 8] ^= (byte)(1 << (i % 8));
        }
    }

    [Fact]
    public void Receipts_made_with_another_key_or_for_another_pair_are_refused()
    {
        var forger = new SealKey(RandomNumberGenerator.GetBytes(32), MeshFixture.Source, MeshFixture.Destination);
        var otherSource = new SealKey(_secret, MeshFixture.Carrier, MeshFixture.Destination);

        Assert.Equal(ReceiptRejection.BadTag, Receipt.Verify(Receipt.Issue(forger, Set((1, 5)), 1), Key, out _));
        Assert.Equal(ReceiptRejection.WrongParty, Receipt.Verify(Receipt.Issue(otherSource, Set((1, 5)), 1), Key, out _));
    }

    [Fact]
    public void Garbage_never_throws()
    {
        byte[] wire = Receipt.Issue(Key, Set((1, 3)), MeshFixture.Now);
        Gen.Byte.Array[0, 200].Sample(bytes => Receipt.Verify(bytes, Key, out _), iter: 2000);
        Gen.Select(Gen.Int[0, wire.Length - 1], Gen.Byte, Gen.Int[0, wire.Length + 3]).Sample((position, value, length) =>
        {
            byte[] mutated = (byte[])wire.Clone();
            mutated[position] = value;
            Array.Resize(ref mutated, length);
            ReceiptRejection rejection = Receipt.Verify(mutated, Key, out _);
            return rejection != ReceiptRejection.None || mutated.AsSpan().SequenceEqual(wire);
        }, iter: 2000);
        Assert.Equal(ReceiptRejection.Truncated, Receipt.Verify(null!, Key, out _));
        Assert.Equal(ReceiptRejection.Oversize, Receipt.Verify(new byte[Receipt.MaxBytes + 1].Select(_ => (byte)1).ToArray(), Key, out _));
    }

    [Fact]
    public void The_ledger_frees_only_what_an_authentic_receipt_covers()
    {
        var ledger = new ReceiptLedger(Key);
        ledger.RecordBundle(Header(1, 1, 10));
        ledger.RecordBundle(Header(2, 11, 25));
        ledger.RecordBundle(Header(3, 26, 30));

        var forger = new SealKey(RandomNumberGenerator.GetBytes(32), MeshFixture.Source, MeshFixture.Destination);
        Assert.Equal(ReceiptRejection.BadTag, ledger.Apply(Receipt.Issue(forger, Set((1, 3)), 1)));
        Assert.False(ledger.MayFree("readings", 1, 1));
        Assert.Equal(3, ledger.PendingCount);

        Assert.Equal(ReceiptRejection.None, ledger.Apply(Receipt.Issue(Key, Set((1, 1), (3, 3)), 2)));
        Assert.True(ledger.MayFree("readings", 1, 10));
        Assert.False(ledger.MayFree("readings", 1, 11));
        Assert.True(ledger.MayFree("readings", 26, 30));
        Assert.False(ledger.MayFree("other", 1, 10));
        Assert.True(ledger.IsReceipted(3));
        Assert.False(ledger.IsReceipted(2));
        Assert.Equal(1, ledger.PendingCount);

        Assert.Equal(ReceiptRejection.None, ledger.Apply(Receipt.Issue(Key, Set((1, 3)), 3)));
        Assert.True(ledger.MayFree("readings", 1, 30));
        Assert.Equal(0, ledger.PendingCount);
    }

    [Fact]
    public void A_bundle_recorded_after_its_receipt_counts_as_delivered()
    {
        var ledger = new ReceiptLedger(Key);
        ledger.Apply(Receipt.Issue(Key, Set((1, 4)), 1));

        ledger.RecordBundle(Header(4, 40, 50));

        Assert.True(ledger.MayFree("readings", 40, 50));
    }

    private static BundleHeader Header(long sequence, long from, long to) =>
        BundleHeader.Create(MeshFixture.Source, sequence, MeshFixture.Destination, "readings", from, to, MeshFixture.Now, 3600, 8, 4);
}
