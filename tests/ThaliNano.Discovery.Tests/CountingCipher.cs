namespace ThaliNano.Discovery.Tests;

/// <summary>The real AES block cipher, counting its calls.</summary>
internal sealed class CountingCipher(FleetKey fleetKey) : IBlockCipher
{
    private readonly AesBlockCipher _inner = new(fleetKey.IdKey);

    public int Encryptions { get; private set; }

    public int Decryptions { get; private set; }

    public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
    {
        Encryptions++;
        _inner.EncryptBlock(input, inputOffset, output, outputOffset);
    }

    public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
    {
        Decryptions++;
        _inner.DecryptBlock(input, inputOffset, output, outputOffset);
    }
}
