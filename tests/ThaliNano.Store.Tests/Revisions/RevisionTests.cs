using System.Security.Cryptography;
using System.Text;
using CsCheck;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store.Tests.Revisions;

public sealed class RevisionTests
{
    private const string Hex32 = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void HexHashIsKeptAsSixteenBytesAndPrintedBack()
    {
        Revision rev = Revision.Parse("12-" + Hex32);

        Assert.Equal(12, rev.Generation);
        Assert.True(rev.IsHexHash);
        Assert.Equal(Hex32, rev.Hash);
        Assert.Equal("12-" + Hex32, rev.ToString());
        Assert.Equal(rev, Revision.FromHashBytes(12, Convert.FromHexString(Hex32), 0));
    }

    [Theory]
    [InlineData("1-a")]
    [InlineData("1-A")]
    [InlineData("3-0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("2-0123456789abcdef0123456789abcde")]
    [InlineData("2-0123456789abcdef0123456789abcdef0")]
    [InlineData("7-6e0a8bd5f2d44e7c8c8e2bd1a3a3c0a1f00d")]
    [InlineData("2147483647-Zz09")]
    public void OtherIdsOfReplicatorsAreAcceptedAsText(string text)
    {
        Revision rev = Revision.Parse(text);

        Assert.False(rev.IsHexHash);
        Assert.Equal(text, rev.ToString());
        Assert.Equal(text.Substring(text.IndexOf('-') + 1), rev.Hash);
        Assert.True(Revision.TryParse(text, out Revision again));
        Assert.Equal(rev, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1-")]
    [InlineData("-a")]
    [InlineData("0-a")]
    [InlineData("01-a")]
    [InlineData("+1-a")]
    [InlineData("a-b")]
    [InlineData("1-a-b")]
    [InlineData("1-ab_c")]
    [InlineData("1-a b")]
    [InlineData("1-\u00e9")]
    [InlineData("2147483648-a")]
    [InlineData("99999999999-a")]
    [InlineData("1-0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void MalformedRevisionsAreRejected(string? text)
    {
        Assert.False(Revision.TryParse(text!, out _));
        var e = Assert.Throws<FormatException>(() => Revision.Parse(text!));
        Assert.StartsWith("invalid rev format", e.Message);
    }

    [Fact]
    public void IdsUpToSixtyFourCharactersAreAccepted()
    {
        string id = new string('x', 64);
        Assert.Equal("1-" + id, Revision.Parse("1-" + id).ToString());
        Assert.Throws<FormatException>(() => Revision.Parse("1-" + id + "x"));
    }

    [Fact]
    public void FromPartsBuildsRevisionsOfRevisionsLists()
    {
        Assert.Equal(Revision.Parse("5-" + Hex32), Revision.FromParts(5, Hex32));
        Assert.Equal(Revision.Parse("5-a"), Revision.FromParts(5, "a"));
        Assert.Throws<FormatException>(() => Revision.FromParts(0, Hex32));
        Assert.Throws<FormatException>(() => Revision.FromParts(1, "a-b"));
        Assert.Throws<FormatException>(() => Revision.FromParts(1, null!));
        Assert.Equal("invalid rev format: \"0-abc\"", Assert.Throws<FormatException>(() => Revision.FromParts(0, "abc")).Message);
    }

    [Fact]
    public void UppercaseHexIsADifferentRevision()
    {
        Revision lower = Revision.Parse("1-" + Hex32);
        Revision upper = Revision.Parse("1-" + Hex32.ToUpperInvariant());

        Assert.NotEqual(lower, upper);
        Assert.True(lower != upper);
        Assert.True(Revision.Compare(upper, lower) < 0, "'A' sorts before 'a'");
    }

    [Fact]
    public void NoneIsTheDefault()
    {
        Assert.True(Revision.None.IsNone);
        Assert.True(default(Revision).IsNone);
        Assert.Equal(0, Revision.None.Generation);
        Assert.Equal(string.Empty, Revision.None.ToString());
        Assert.Equal(Revision.None, default(Revision));
        Assert.True(Revision.Compare(Revision.None, Revision.Parse("1-a")) < 0);
    }

    [Theory]
    [InlineData("2-a", "10-a")]
    [InlineData("9-zzzz", "10-0000")]
    [InlineData("1-B", "1-a")]
    [InlineData("1-a", "1-ab")]
    [InlineData("1-Z", "1-a")]
    [InlineData("1-9", "1-A")]
    [InlineData("1-0123456789abcdef0123456789abcdef", "1-0123456789abcdef0123456789abcdeg")]
    [InlineData("1-f000000000000000000000000000000", "1-f0000000000000000000000000000000")]
    [InlineData("1-ffffffffffffffffffffffffffffffff", "1-g")]
    public void OrderIsGenerationThenHashString(string lower, string higher)
    {
        Revision a = Revision.Parse(lower);
        Revision b = Revision.Parse(higher);

        Assert.True(Revision.Compare(a, b) < 0);
        Assert.True(b.CompareTo(a) > 0);
        Assert.Equal(0, a.CompareTo(Revision.Parse(lower)));
    }

    [Fact]
    public void OrderOfHashesIsTheOrdinalOrderOfTheirText()
    {
        Gen<string> id = Gen.OneOf(
            Gen.Byte.Array[16].Select(b => Convert.ToHexStringLower(b)),
            Gen.Char["0123456789abcdefABCXYZxyz"].Array[1, 34].Select(c => new string(c)));
        Gen.Select(id, id).Sample((x, y) =>
        {
            int expected = Math.Sign(string.CompareOrdinal(x, y));
            Assert.Equal(expected, Math.Sign(Revision.Compare(Revision.FromParts(3, x), Revision.FromParts(3, y))));
            Assert.Equal(expected == 0, Revision.FromParts(3, x) == Revision.FromParts(3, y));
        });
    }

    [Fact]
    public void EqualRevisionsHaveEqualHashCodes()
    {
        Assert.Equal(Revision.Parse("4-" + Hex32).GetHashCode(), Revision.Parse("4-" + Hex32).GetHashCode());
        Assert.True(Revision.Parse("4-a").Equals((object)Revision.Parse("4-a")));
        Assert.False(Revision.Parse("4-a").Equals((object)"4-a"));
        Assert.NotEqual(Revision.Parse("4-a"), Revision.Parse("5-a"));
    }

    [Theory]
    [InlineData("1-a")]
    [InlineData("123-" + Hex32)]
    [InlineData("2147483647-Q")]
    public void TextIsWrittenAsAscii(string text)
    {
        Revision rev = Revision.Parse(text);
        byte[] buffer = new byte[Revision.MaxTextLength + 3];

        Assert.Equal(text.Length, rev.GetTextLength());
        Assert.Equal(text.Length, rev.WriteText(buffer, 2));
        Assert.Equal(text, Encoding.ASCII.GetString(buffer, 2, text.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => rev.WriteText(new byte[text.Length - 1], 0));
    }

    [Fact]
    public void ComputeHashesParentTextZeroDeletedFlagAndBody()
    {
        byte[] body = Encoding.UTF8.GetBytes("..{\"t\":21.5}..");
        Revision parent = Revision.Parse("3-" + Hex32);

        Revision child = Revision.Compute(parent, false, body, 2, body.Length - 4);
        Revision tombstone = Revision.Compute(parent, true, body, 2, body.Length - 4);
        Revision first = Revision.Compute(Revision.None, false, body, 2, body.Length - 4);

        byte[] json = Encoding.UTF8.GetBytes("{\"t\":21.5}");
        Assert.Equal(Expected(4, "3-" + Hex32, 0, json), child);
        Assert.Equal(Expected(4, "3-" + Hex32, 1, json), tombstone);
        Assert.Equal(Expected(1, "", 0, json), first);
        Assert.True(child.IsHexHash);
    }

    [Fact]
    public void ComputeIsDeterministicAndSeparatesItsInputs()
    {
        byte[] body = { 1, 2, 3 };
        Revision parent = Revision.Parse("1-a");

        Assert.Equal(Revision.Compute(parent, false, body, 0, 3), Revision.Compute(Revision.Parse("1-a"), false, (byte[])body.Clone(), 0, 3));
        Assert.NotEqual(Revision.Compute(parent, false, body, 0, 3), Revision.Compute(parent, false, body, 0, 2));
        Assert.NotEqual(Revision.Compute(parent, false, body, 0, 3).Hash, Revision.Compute(Revision.Parse("2-a"), false, body, 0, 3).Hash);
        Assert.NotEqual(Revision.Compute(Revision.None, false, Array.Empty<byte>(), 0, 0), Revision.Compute(Revision.None, true, Array.Empty<byte>(), 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Revision.Compute(parent, false, body, 2, 2));
        Assert.Throws<InvalidOperationException>(() => Revision.Compute(Revision.Parse("2147483647-a"), false, body, 0, 0));
    }

    /// <summary>The documented layout, hashed by the BCL: parent text, 0x00, deleted byte, body; 16 bytes as hex.</summary>
    private static Revision Expected(int generation, string parentText, byte deleted, byte[] body)
    {
        byte[] input = [.. Encoding.ASCII.GetBytes(parentText), 0, deleted, .. body];
        return Revision.Parse(generation.ToString() + "-" + Convert.ToHexStringLower(SHA256.HashData(input), 0, 16));
    }
}
