using CsCheck;
using ThaliNano.Client.Exchange;
using static ThaliNano.Client.Tests.Exchange.Identities;

namespace ThaliNano.Client.Tests.Exchange;

public class CoinFlipMessageTests
{
    private static readonly byte[] s_nonce = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_response_round_trips_with_its_nonce_and_url()
    {
        string url = Url("bob").ToString();
        CoinFlipMessage m = CoinFlipMessage.Decode(CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Response, url, s_nonce));

        Assert.Equal(CoinFlipMessageType.Response, m.Type);
        Assert.Equal(s_nonce, m.Value);
        Assert.Equal(url, m.Url);
        Assert.Equal(Url("bob"), m.ParsedUrl);
    }

    [Fact]
    public void A_commit_is_exactly_34_bytes()
    {
        byte[] commit = CoinFlipMessage.EncodeCommit(s_nonce);
        Assert.Equal(34, commit.Length);
        Assert.Equal(s_nonce, CoinFlipMessage.Decode(commit).Value);
        Assert.Equal(CoinFlipRefusal.Malformed, Refusal([.. commit, 0]));
        Assert.Equal(CoinFlipRefusal.Malformed, Refusal(commit[..33]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]                  // version only
    [InlineData("0201")]                // version 2
    [InlineData("0104")]                // unknown type
    [InlineData("0102")]                // response without nonce
    public void Short_or_unknown_messages_are_malformed(string hex) =>
        Assert.Equal(CoinFlipRefusal.Malformed, Refusal(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("https://192.168.4.1:6985/")]                                       // not httpkey
    [InlineData("httpkey://192.168.4.1:6985/md5:abc")]                              // unknown key type
    [InlineData("httpkey://192.168.4.1:06985/sha256:K9gGyX8OAK8aH8Myj6djqSaXI8jbj6xPk69x2xhtbpA")] // not canonical
    [InlineData("httpkey://192.168.4.1:6985/sha256:K9gGyX8OAK8aH8Myj6djqSaXI8jbj6xPk69x2xhtbpA x")] // a space
    public void A_url_that_is_not_a_canonical_httpkey_url_is_malformed(string url)
    {
        byte[] message = CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Open, url, s_nonce);
        Assert.Equal(CoinFlipRefusal.Malformed, Refusal(message));
    }

    [Fact]
    public void A_length_field_that_disagrees_with_the_message_is_malformed()
    {
        byte[] message = CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Open, Url("bob").ToString(), s_nonce);
        Assert.Equal(CoinFlipRefusal.Malformed, Refusal(message[..^1]));
        Assert.Equal(CoinFlipRefusal.Malformed, Refusal([.. message, (byte)'x']));
    }

    [Fact]
    public void A_message_beyond_the_size_limit_is_refused_before_it_is_read()
    {
        byte[] message = new byte[CoinFlipMessage.MaxBytes + 1];
        message[0] = CoinFlipMessage.Version;
        message[1] = (byte)CoinFlipMessageType.Open;
        Assert.Equal(CoinFlipRefusal.TooLarge, Refusal(message));
    }

    [Fact]
    public void A_url_longer_than_the_limit_cannot_be_sent()
    {
        byte[] modulus = Enumerable.Repeat((byte)0xFF, 1024).ToArray(); // 8192 bits: about 2,470 decimal digits
        var url = Identity.HttpKeyUrl.Create("192.168.4.1", 6985, new Identity.RsaPublicKey(modulus, [1, 0, 1]), "");
        Assert.Throws<ArgumentException>(() => new CoinFlipInitiator(url));
    }

    [Fact]
    public void Garbage_is_refused_with_a_coin_flip_refusal_and_nothing_else() =>
        Gen.Select(Gen.Byte[1, 3], Gen.Byte.Array[0, 200]).Sample((type, rest) =>
        {
            try
            {
                CoinFlipMessage.Decode([CoinFlipMessage.Version, type, .. rest]);
            }
            catch (CoinFlipException)
            {
            }
        });

    private static CoinFlipRefusal Refusal(byte[] message) =>
        Assert.Throws<CoinFlipException>(() => CoinFlipMessage.Decode(message)).Refusal;
}
