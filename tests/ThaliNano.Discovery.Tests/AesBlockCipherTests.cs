namespace ThaliNano.Discovery.Tests;

public class AesBlockCipherTests
{
    // NIST SP 800-38A, F.1.1 ECB-AES128, block #1.
    private static readonly byte[] s_key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
    private static readonly byte[] s_plaintext = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172a");
    private static readonly byte[] s_ciphertext = Convert.FromHexString("3ad77bb40d7a3660a89ecaf32466ef97");

    [Fact]
    public void EncryptsAndDecryptsTheNistVectorAtOffsets()
    {
        var cipher = new AesBlockCipher(s_key);
        var input = new byte[20];
        s_plaintext.CopyTo(input, 3);
        var output = new byte[18];

        cipher.EncryptBlock(input, 3, output, 1);
        Assert.Equal(s_ciphertext, output[1..17]);

        var back = new byte[16];
        cipher.DecryptBlock(output, 1, back, 0);
        Assert.Equal(s_plaintext, back);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(24)]
    [InlineData(32)]
    public void OnlyAes128KeysAreAccepted(int length) =>
        Assert.Throws<ArgumentException>(() => new AesBlockCipher(new byte[length]));

    [Fact]
    public void BlocksOutsideTheArraysAreRefused()
    {
        var cipher = new AesBlockCipher(s_key);

        Assert.Throws<ArgumentOutOfRangeException>(() => cipher.EncryptBlock(new byte[16], 1, new byte[16], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cipher.DecryptBlock(new byte[16], 0, new byte[20], 5));
    }
}
