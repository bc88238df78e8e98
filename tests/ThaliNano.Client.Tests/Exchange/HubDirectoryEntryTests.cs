using System.Text;
using ThaliNano.Client.Exchange;
using static ThaliNano.Client.Tests.Exchange.Identities;

namespace ThaliNano.Client.Tests.Exchange;

public class HubDirectoryEntryTests
{
    private static readonly string s_key = Url("hub").KeyId.ToBase64Url();
    private static readonly string s_url = Url("hub").ToString();

    // As the firmware writes it (DirectoryDocument) and GET /thali-directory/hub:{key} answers it.
    private static readonly string s_doc = "{\"_id\":\"hub:" + s_key + "\",\"_rev\":\"1-abc\",\"type\":\"thali-hub\",\"key\":\"" + s_key
        + "\",\"uuid\":\"0123456789abcdef0123456789abcdef\",\"name\":\"greenhouse\",\"urls\":[\"" + s_url + "\"],\"updated\":\"2026-03-04T05:06:07Z\"}";

    [Fact]
    public void The_hubs_entry_reads_with_every_field()
    {
        HubDirectoryEntry entry = Parse(s_doc);

        Assert.Equal(Url("hub").KeyId, entry.Key);
        Assert.Equal("0123456789abcdef0123456789abcdef", entry.Uuid);
        Assert.Equal("greenhouse", entry.Name);
        Assert.Equal([Url("hub")], entry.Urls);
        Assert.Equal(new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc), entry.Updated);
        Assert.Equal(DateTimeKind.Utc, entry.Updated.Kind);
    }

    [Fact]
    public void Name_and_urls_may_be_absent_or_empty()
    {
        HubDirectoryEntry entry = Parse(s_doc.Replace(",\"name\":\"greenhouse\"", "").Replace("[\"" + s_url + "\"]", "[]"));
        Assert.Null(entry.Name);
        Assert.Empty(entry.Urls);
    }

    [Theory]
    [InlineData("\"type\":\"thali-hub\"", "\"type\":\"thali-user\"")]
    [InlineData("\"uuid\":\"0123456789abcdef0123456789abcdef\"", "\"uuid\":\"0123\"")]
    [InlineData("\"updated\":\"2026-03-04T05:06:07Z\"", "\"updated\":\"yesterday\"")]
    [InlineData("\"name\":\"greenhouse\"", "\"name\":7")]
    [InlineData("\"name\":\"greenhouse\"", "\"name\":\"\"")]
    [InlineData("\"name\":\"greenhouse\"", "\"admin\":true")]
    [InlineData("\"_id\":\"hub:", "\"_id\":\"hub:x")]
    public void A_changed_field_is_refused(string field, string replacement) =>
        Assert.Throws<FormatException>(() => Parse(s_doc.Replace(field, replacement)));

    [Fact]
    public void A_url_pinning_another_key_is_refused()
    {
        Assert.Throws<FormatException>(() => Parse(s_doc.Replace(s_url, Url("mallory").ToString())));
        Assert.Throws<FormatException>(() => Parse(s_doc.Replace(s_url, "https://10.0.0.1/")));
    }

    [Fact]
    public void Non_objects_and_oversized_entries_are_refused()
    {
        Assert.Throws<FormatException>(() => Parse("[]"));
        Assert.Throws<FormatException>(() => Parse("{"));
        Assert.Throws<FormatException>(() => Parse(s_doc.Replace("greenhouse", new string('g', HubDirectoryEntry.MaxBytes))));
    }

    private static HubDirectoryEntry Parse(string json) => HubDirectoryEntry.Parse(Encoding.UTF8.GetBytes(json));
}
