using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using CsCheck;
using ThaliNano.FieldPairing.Rsa;
using ThaliNano.Identity;
using Xunit.Abstractions;

namespace ThaliNano.FieldPairing.Tests;

public class RsaOaepEncryptorTests(ITestOutputHelper output)
{
    private static readonly Lazy<RSA[]> s_keys = new(() => [RSA.Create(2048), RSA.Create(3072), RSA.Create(4096)]);

    [Fact]
    public void Dotnet_decrypts_what_it_encrypts_for_many_random_messages()
    {
        RSA[] keys = s_keys.Value;
        Gen.Select(Gen.Int[0, keys.Length - 1], Gen.Byte.Array[0, 190]).Sample((keyIndex, message) =>
        {
            RSA rsa = keys[keyIndex];
            byte[] ciphertext = RsaOaepEncryptor.Encrypt(PublicKey(rsa), message, new SystemRandom());
            Assert.Equal(rsa.KeySize / 8, ciphertext.Length);
            Assert.Equal(message, rsa.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256));
        }, iter: 300);
    }

    [Fact]
    public void Montgomery_exponentiation_matches_BigInteger_for_random_odd_moduli()
    {
        Gen.Select(Gen.Byte.Array[1, 300], Gen.Byte.Array[1, 300], Gen.Byte.Array[1, 8]).Sample((modulus, value, exponent) =>
        {
            modulus[^1] |= 1;
            modulus[0] |= 0x01;
            var n = new BigInteger(modulus, isUnsigned: true, isBigEndian: true);
            if (n <= 1)
            {
                return;
            }

            BigInteger x = new BigInteger(value, isUnsigned: true, isBigEndian: true) % n;
            var e = new BigInteger(exponent, isUnsigned: true, isBigEndian: true);
            if (e.IsZero)
            {
                return;
            }

            byte[] result = new MontgomeryModulus(modulus).Power(x.ToByteArray(isUnsigned: true, isBigEndian: true), exponent, modulus.Length);
            Assert.Equal(BigInteger.ModPow(x, e, n), new BigInteger(result, isUnsigned: true, isBigEndian: true));
        }, iter: 500);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(8192)]
    public void Keys_outside_2048_to_4096_bits_are_unsupported(int bits)
    {
        byte[] modulus = new byte[bits / 8];
        modulus[0] = 0x80;
        modulus[^1] = 1;
        Assert.NotNull(RsaOaepEncryptor.UnsupportedReason(new RsaPublicKey(modulus, [1, 0, 1])));
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 2 })]
    [InlineData(new byte[] { 1, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 1 })]
    public void Even_tiny_or_large_exponents_are_unsupported(byte[] exponent)
    {
        Assert.NotNull(RsaOaepEncryptor.UnsupportedReason(new RsaPublicKey(PublicKey(s_keys.Value[0]).GetModulus(), exponent)));
    }

    [Fact]
    public void A_message_longer_than_the_key_allows_is_refused()
    {
        RsaPublicKey key = PublicKey(s_keys.Value[0]);
        Assert.Throws<ArgumentException>(() => RsaOaepEncryptor.Encrypt(key, new byte[256 - 2 * 32 - 1], new SystemRandom()));
    }

    /// <summary>The README's figures: time, allocation and Montgomery multiplications of one RSA-2048 encryption.</summary>
    [Fact]
    public void One_2048_bit_encryption_allocates_a_few_kilobytes()
    {
        RsaPublicKey key = PublicKey(s_keys.Value[0]);
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        var random = new SystemRandom();
        for (int i = 0; i < 20; i++)
        {
            RsaOaepEncryptor.Encrypt(key, secret, random);
        }

        const int runs = 200;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        MontgomeryModulus modulus = null!;
        for (int i = 0; i < runs; i++)
        {
            RsaOaepEncryptor.Encrypt(key, secret, random, out modulus);
        }

        watch.Stop();
        long allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;
        output.WriteLine($"RSA-2048 OAEP encryption: {watch.Elapsed.TotalMicroseconds / runs:F0} us, {allocated} bytes allocated, "
            + $"{modulus.Multiplications} Montgomery multiplications of {modulus.Words} words");
        Assert.Equal(17 + 11 + 2, modulus.Multiplications);
        Assert.InRange(allocated, 1, 4096);
    }

    private static RsaPublicKey PublicKey(RSA rsa)
    {
        RSAParameters parameters = rsa.ExportParameters(false);
        return new RsaPublicKey(parameters.Modulus!, parameters.Exponent!);
    }

    private sealed class SystemRandom : IRandomSource
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
