using CsCheck;
using ThaliNano.Client.Exchange;
using static ThaliNano.Client.Tests.Exchange.Identities;

namespace ThaliNano.Client.Tests.Exchange;

public class IdentityCardTests
{
    private static readonly string s_url = Url("alice").ToString();

    [Fact]
    public void The_text_form_is_the_header_and_the_fields_in_order()
    {
        var card = new IdentityCard(Url("alice"), "Alice", "0123456789abcdef");
        Assert.Equal("thalinano-identity:1\nurl=" + s_url + "\nname=Alice\ntoken=0123456789abcdef", card.Format());
        Assert.Equal("thalinano-identity:1\nurl=" + s_url, new IdentityCard(Url("alice")).Format());
    }

    [Theory]
    [InlineData("")]
    [InlineData("thalinano-identity:2\nurl={url}")]                         // other version
    [InlineData("thalinano-identity:1")]                                    // no url
    [InlineData("thalinano-identity:1\nurl={url}\n")]                       // empty line
    [InlineData("thalinano-identity:1\r\nurl={url}")]                       // CRLF
    [InlineData("thalinano-identity:1\nurl={url}\nurl={url}")]              // repeated
    [InlineData("thalinano-identity:1\nname=Alice\nurl={url}")]             // out of order
    [InlineData("thalinano-identity:1\nurl={url}\nrole=admin")]             // unknown field
    [InlineData("thalinano-identity:1\nurl=https://192.168.4.1:6985/")]     // not httpkey
    [InlineData("thalinano-identity:1\nurl={url}\nname=")]                  // empty name
    [InlineData("thalinano-identity:1\nurl={url}\nname= Alice")]            // surrounding space
    [InlineData("thalinano-identity:1\nurl={url}\nname=Al\u0007ice")]       // control character
    [InlineData("thalinano-identity:1\nurl={url}\ntoken=short")]            // token too short
    [InlineData("thalinano-identity:1\nurl={url}\ntoken=0123456789abcdef+")] // not base64url
    public void Anything_but_a_well_formed_identity_is_refused(string template) =>
        Assert.Throws<FormatException>(() => IdentityCard.Parse(template.Replace("{url}", s_url)));

    [Fact]
    public void A_name_with_a_broken_surrogate_pair_is_refused()
    {
        // Not an InlineData row: attribute strings cannot carry a lone surrogate (it would arrive as U+FFFD).
        Assert.Throws<FormatException>(() => IdentityCard.Parse("thalinano-identity:1\nurl=" + s_url + "\nname=a\ud800b"));
    }

    [Fact]
    public void Names_and_texts_beyond_their_limits_are_refused()
    {
        Assert.Throws<FormatException>(() => IdentityCard.Parse("thalinano-identity:1\nurl=" + s_url + "\nname=" + new string('a', 65)));
        Assert.Equal(64, IdentityCard.Parse("thalinano-identity:1\nurl=" + s_url + "\nname=" + new string('a', 64)).DisplayName!.Length);
        Assert.Throws<FormatException>(() => IdentityCard.Parse("thalinano-identity:1\nurl=" + s_url + "\ntoken=" + new string('a', 129)));
        Assert.Throws<FormatException>(() => IdentityCard.Parse("thalinano-identity:1\nurl=" + s_url + new string('/', 1000)));
        Assert.Throws<ArgumentException>(() => new IdentityCard(Url("alice"), "\n"));
    }

    [Fact]
    public void Any_valid_card_round_trips_and_any_text_parses_or_is_refused_with_a_format_exception()
    {
        Gen<string> name = Gen.String[Gen.Char.AlphaNumeric, 1, 64];
        Gen<string> token = Gen.String[Gen.Char["ABCxyz019-_"], 16, 128];
        Gen.Select(name, token).Sample((n, t) =>
        {
            var card = new IdentityCard(Url("alice"), n, t);
            IdentityCard read = IdentityCard.Parse(card.Format());
            return read.DisplayName == n && read.PairingToken == t && read.Url.Equals(card.Url);
        });
        Gen.String.Sample(text =>
        {
            try
            {
                IdentityCard.Parse("thalinano-identity:1\nurl=" + s_url + text);
            }
            catch (FormatException)
            {
            }
        });
    }
}
