using System.Text;
using CsCheck;
using ThaliNano.Hashing;
using ThaliNano.Text;

namespace ThaliNano.Core.Tests.Hashing;

public class Sha256Tests
{
    // FIPS 180-4 examples and the NIST CAVP short/long message vectors.
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void MatchesNistVectors(string message, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex.Encode(Sha256.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void MatchesNistMillionA()
    {
        var sha = new Sha256();
        byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (int i = 0; i < 1000; i++)
        {
            sha.Append(chunk, 0, chunk.Length);
        }

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Encode(sha.GetHashAndReset()));
    }

    [Fact]
    public void MatchesTheBclForEveryLengthAroundBlockBoundaries()
    {
        byte[] data = new byte[300];
        new Random(7).NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data.AsSpan(0, length)), Sha256.Hash(data, 0, length));
        }
    }

    [Fact]
    public void IncrementalAppendsAtArbitrarySplitsMatchTheBcl()
    {
        Gen.Byte.Array[0, 2000].SelectMany(data => Gen.Int[0, data.Length].Array[0, 6].Select(cuts => (data, cuts)))
            .Sample(t =>
            {
                var sha = new Sha256();
                int previous = 0;
                foreach (int cut in t.cuts.Order())
                {
                    sha.Append(t.data, previous, cut - previous);
                    previous = cut;
                }

                sha.Append(t.data, previous, t.data.Length - previous);
                return sha.GetHashAndReset().AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(t.data));
            });
    }

    [Fact]
    public void ResetsAfterProducingAHash()
    {
        var sha = new Sha256();
        byte[] abc = Encoding.ASCII.GetBytes("abc");
        sha.Append(abc, 0, 3);
        byte[] first = sha.GetHashAndReset();
        sha.Append(abc, 0, 3);
        Assert.Equal(first, sha.GetHashAndReset());
    }

    [Fact]
    public void WritesIntoADestinationAtAnOffset()
    {
        byte[] destination = new byte[40];
        var sha = new Sha256();
        sha.GetHashAndReset(destination, 8);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData([]), destination[8..]);
        Assert.All(destination[..8], b => Assert.Equal(0, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.GetHashAndReset(destination, 9));
    }

    [Fact]
    public void RejectsRangesOutsideTheArray()
    {
        var sha = new Sha256();
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Append(new byte[4], 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Append(new byte[4], -1, 1));
        Assert.Throws<ArgumentNullException>(() => sha.Append(null!, 0, 0));
    }
}
