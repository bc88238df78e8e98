using System.Security.Cryptography;
using CsCheck;

namespace ThaliNano.FieldPairing.Tests;

public class PairingTokenTests
{
    [Fact]
    public void The_label_text_parses_back_to_a_token_with_the_same_key()
    {
        Gen.Byte.Array[16].Sample(secret =>
        {
            PairingToken token = PairingToken.Create(new FixedRandom(secret));
            string text = token.ToString();
            Assert.StartsWith("thali-pair:", text);
            Assert.Equal(PairingToken.TextLength, text.Length);
            Assert.True(PairingToken.TryParse(text, out PairingToken? parsed));
            Assert.Equal(token.DeriveKey(), parsed!.DeriveKey());
            Assert.Equal(HMACSHA256.HashData(secret, "ThaliNano field pairing token key v1"u8.ToArray()), token.DeriveKey());
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("thali-pair:")]
    [InlineData("thali-pair:AAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("thali-pair:AAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("thali-pair:AAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("THALI-PAIR:AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thali-pair:AAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_but_the_exact_form_is_not_a_token(string? text)
    {
        Assert.False(PairingToken.TryParse(text!, out _));
    }

    private sealed class FixedRandom(byte[] bytes) : IRandomSource
    {
        public void NextBytes(byte[] buffer) => bytes.CopyTo(buffer, 0);
    }
}
