using System.IO.Compression;
using CsCheck;
using ThaliNano.Hashing;

namespace ThaliNano.Core.Tests.Hashing;

public class Crc32Tests
{
    [Fact]
    public void MatchesTheCheckValueOfTheStandard()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
        Assert.Equal(0u, Crc32.Compute(check, 0, 0));
    }

    // gzip's trailer carries zlib's CRC-32 of the uncompressed data: an independent implementation to compare with.
    [Fact]
    public void MatchesZlibThroughTheGzipTrailer()
    {
        Gen.Byte.Array[0, 3000].Sample(data => Crc32.Compute(data, 0, data.Length) == GzipCrc(data));
    }

    [Fact]
    public void AppendContinuesACrcAcrossChunks()
    {
        Gen.Byte.Array[0, 500].SelectMany(d => Gen.Int[0, d.Length].Select(cut => (d, cut))).Sample(t =>
        {
            uint head = Crc32.Compute(t.d, 0, t.cut);
            return Crc32.Append(head, t.d, t.cut, t.d.Length - t.cut) == Crc32.Compute(t.d, 0, t.d.Length);
        });
    }

    [Fact]
    public void DetectsEverySingleBitFlip()
    {
        byte[] data = new byte[64];
        new Random(3).NextBytes(data);
        uint original = Crc32.Compute(data, 0, data.Length);
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc32.Compute(data, 0, data.Length));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    private static uint GzipCrc(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        byte[] bytes = compressed.ToArray();
        return BitConverter.ToUInt32(bytes, bytes.Length - 8);
    }
}
