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
        byte[] data = Pkcs7.Pad(new byte[length], 0, length);

        Assert.Equal(padded, data.Length);
        Assert.All(data[length..], b => Assert.Equal(padded - length, b));
        Assert.Equal(length, Pkcs7.UnpaddedLength(data));
    }

    [Fact]
    public void Invalid_padding_is_reported()
    {
        Assert.Equal(-1, Pkcs7.UnpaddedLength(new byte[16]));                       // pad byte 0
        Assert.Equal(-1, Pkcs7.UnpaddedLength(Enumerable.Repeat((byte)17, 16).ToArray()));
        Assert.Equal(-1, Pkcs7.UnpaddedLength(new byte[15]));
        Assert.Equal(-1, Pkcs7.UnpaddedLength(Array.Empty<byte>()));
        byte[] broken = Pkcs7.Pad(new byte[10], 0, 10);
        broken[10] = 5;
        Assert.Equal(-1, Pkcs7.UnpaddedLength(broken));
    }

    [Fact]
    public void Padding_matches_the_bcl_and_round_trips()
    {
        Gen.Byte.Array[0, 80].Sample(data =>
        {
            using Aes aes = Aes.Create();
            aes.Key = new byte[16];
            byte[] iv = new byte[16];
            byte[] ours = AesCbc.Encrypt(aes.Key, iv, Pkcs7.Pad(data, 0, data.Length));
            Assert.Equal(aes.EncryptCbc(data, iv, PaddingMode.PKCS7), ours);
            byte[] back = AesCbc.Decrypt(aes.Key, iv, ours, 0, ours.Length);
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
