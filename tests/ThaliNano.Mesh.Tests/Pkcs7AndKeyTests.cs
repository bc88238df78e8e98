using System.Security.Cryptography;
using CsCheck;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Mesh.Tests;

public sealed class Pkcs7AndKeyTests
{
    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 32)]
    [InlineData(17, 32)]
    public void Padding_always_adds_one_to_sixteen_bytes(int length, int padded)
    {
        Assert.Equal(padded, Pkcs7.PaddedLength(length));
        byte[] data = new byte[3 + padded + 3];
        Pkcs7.WritePadding(data, 3, length);

        Assert.All(data[(3 + length)..(3 + padded)], b => Assert.Equal(padded - length, b));
        Assert.All(data[..(3 + length)].Concat(data[(3 + padded)..]), b => Assert.Equal(0, b));
        Assert.Equal(length, Pkcs7.UnpaddedLength(data[3..(3 + padded)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pkcs7.WritePadding(new byte[padded - 1], 0, length));
    }

    [Fact]
    public void Invalid_padding_is_reported()
    {
        Assert.Equal(-1, Pkcs7.UnpaddedLength(new byte[16]));                       // pad byte 0
        Assert.Equal(-1, Pkcs7.UnpaddedLength(Enumerable.Repeat((byte)17, 16).ToArray()));
        Assert.Equal(-1, Pkcs7.UnpaddedLength(new byte[15]));
        Assert.Equal(-1, Pkcs7.UnpaddedLength(Array.Empty<byte>()));
        byte[] broken = new byte[16];
        Pkcs7.WritePadding(broken, 0, 10);
        broken[10] = 5;
        Assert.Equal(-1, Pkcs7.UnpaddedLength(broken));
    }

    [Fact]
    public void In_place_encryption_with_padding_matches_the_bcl_and_round_trips()
    {
        // Up to three of the device's chunks, at any offset in a larger array.
        Gen.Select(Gen.Byte.Array[0, 3 * AesCbc.ChunkBytes + 40], Gen.Int[0, 20]).Sample((data, offset) =>
        {
            using Aes aes = Aes.Create();
            aes.Key = new byte[16];
            byte[] iv = new byte[16];
            int padded = Pkcs7.PaddedLength(data.Length);
            byte[] buffer = new byte[offset + padded + 5];
            data.CopyTo(buffer, offset);
            Pkcs7.WritePadding(buffer, offset, data.Length);

            AesCbc.EncryptInPlace(aes.Key, iv, buffer, offset, padded);

            byte[] ours = buffer[offset..(offset + padded)];
            Assert.Equal(aes.EncryptCbc(data, iv, PaddingMode.PKCS7), ours);
            Assert.All(buffer[(offset + padded)..], b => Assert.Equal(0, b));
            byte[] back = AesCbc.Decrypt(aes.Key, iv, buffer, offset, padded);
            Assert.Equal(data, back[..Pkcs7.UnpaddedLength(back)]);
        });
    }

    [Fact]
    public void Keys_differ_by_purpose_and_by_pair_of_nodes()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        var key = new SealKey(secret, MeshFixture.Source, MeshFixture.Destination);
        var reversed = new SealKey(secret, MeshFixture.Destination, MeshFixture.Source);

        Assert.NotEqual(key.MacKey, key.ReceiptKey);
        Assert.NotEqual(key.EncryptionKey, key.MacKey[..16]);
        Assert.NotEqual(key.MacKey, reversed.MacKey);
        Assert.Equal(key.MacKey, new SealKey(secret, MeshFixture.Source, MeshFixture.Destination).MacKey);
        Assert.Throws<ArgumentException>(() => new SealKey(new byte[15], MeshFixture.Source, MeshFixture.Destination));
        Assert.Throws<ArgumentException>(() => new SealKey(secret, MeshFixture.Source, MeshFixture.Destination, 24));
    }
}
