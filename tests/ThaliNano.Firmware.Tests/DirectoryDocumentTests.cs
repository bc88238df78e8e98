using System.Globalization;
using System.Text.Json;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Tests;

/// <summary>The hub's entry in thali-directory: written at start when it changed, read by every paired principal, written by admins.</summary>
public sealed class DirectoryDocumentTests : IDisposable
{
    private static readonly string s_doc = "/thali-directory/hub:" + AuthHub.HubKey.ToBase64Url();
    private readonly AuthHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void After_start_the_entry_says_who_the_hub_is_and_where_to_reach_it()
    {
        JsonElement doc = Ok(_hub.SendSigned(_hub.Alice, null, "GET", s_doc)).Json;

        Assert.Equal("thali-hub", doc.GetProperty("type").GetString());
        Assert.Equal(AuthHub.HubKey.ToBase64Url(), doc.GetProperty("key").GetString());
        Assert.Equal(_hub.HubUuid, doc.GetProperty("uuid").GetString());
        Assert.Equal("test hub", doc.GetProperty("name").GetString());
        Assert.Equal([AuthHub.Url], doc.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        DateTime updated = DateTime.ParseExact(doc.GetProperty("updated").GetString()!, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(updated, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void A_paired_principal_who_is_no_admin_reads_and_replicates_the_directory_but_cannot_write_it()
    {
        _hub.SendSigned(_hub.Bob, null, "GET", s_doc).AssertStatus(200);
        string changes = Ok(_hub.SendSigned(_hub.Bob, null, "GET", "/thali-directory/_changes?since=0&include_docs=true")).Text;
        Assert.Contains("\"id\":\"hub:" + AuthHub.HubKey.ToBase64Url() + "\"", changes);
        _hub.SendSigned(_hub.Bob, null, "POST", "/thali-directory/_revs_diff", "{}").AssertStatus(200);
        Assert.Contains("thali-directory", _hub.SendSigned(_hub.Bob, null, "GET", "/_all_dbs").Text);

        string rev = _hub.SendSigned(_hub.Bob, null, "GET", s_doc).Json.GetProperty("_rev").GetString()!;
        _hub.SendSigned(_hub.Bob, null, "PUT", s_doc, "{\"_rev\":\"" + rev + "\",\"type\":\"thali-hub\",\"urls\":[]}").AssertError(403, "forbidden");
        _hub.SendSigned(_hub.Bob, null, "PUT", "/thali-directory/hub:fake", "{}").AssertError(403, "forbidden");
        _hub.SendSigned(_hub.Bob, null, "DELETE", s_doc + "?rev=" + rev).AssertError(403, "forbidden");
        _hub.Send(null, "GET", s_doc, null).AssertStatus(401);
    }

    [Fact]
    public void An_admin_may_write_the_directory()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/thali-directory/hub:other", "{\"type\":\"thali-hub\"}").AssertStatus(201);
    }

    [Fact]
    public void A_restart_without_changes_writes_nothing()
    {
        long directorySeq = UpdateSeq("/thali-directory");
        long systemSeq = UpdateSeq("/_thali");
        string rev = Rev();

        _hub.Restart("test hub");

        Assert.Equal(directorySeq, UpdateSeq("/thali-directory"));
        Assert.Equal(systemSeq, UpdateSeq("/_thali"));
        Assert.Equal(rev, Rev());
    }

    [Fact]
    public void A_restart_with_another_name_rewrites_the_entry_and_keeps_an_admins_acl()
    {
        string rev = Rev();
        string aclRev = _hub.SendSigned(_hub.Alice, null, "GET", "/_thali/acl:thali-directory").Json.GetProperty("_rev").GetString()!;
        _hub.SendSigned(_hub.Alice, null, "PUT", "/_thali/acl:thali-directory",
            "{\"_rev\":\"" + aclRev + "\",\"read\":[\"" + _hub.Alice.Key.ToBase64Url() + "\"]}").AssertStatus(201);

        _hub.Restart("greenhouse");

        Assert.NotEqual(rev, Rev());
        Assert.Equal("greenhouse", _hub.SendSigned(_hub.Alice, null, "GET", s_doc).Json.GetProperty("name").GetString());
        _hub.SendSigned(_hub.Bob, null, "GET", s_doc).AssertError(403, "forbidden");
    }

    [Fact]
    public void A_directory_url_naming_another_key_is_refused_at_start()
    {
        HubConfiguration configuration = HubConfiguration.ForHost();
        configuration.HubKeyId = AuthHub.HubKey;
        configuration.EpochRandom = new byte[16];
        configuration.DirectoryUrls = [HttpKeyUrl.Create("127.0.0.1", 1, PublicKeyId.FromHash(new byte[32]), "").ToString()];
        string folder = Directory.CreateTempSubdirectory("thali-dir-").FullName;
        try
        {
            using var registry = PairingRegistry.Open(new HostFileStorage(folder), new Store.StoreOptions());
            registry.EnsureHubUuid(new byte[16]);
            configuration.Registry = registry;
            Assert.Contains("another key", Assert.Throws<ArgumentException>(configuration.Validate).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Response Ok(Response response)
    {
        response.AssertStatus(200);
        return response;
    }

    private long UpdateSeq(string db) => Ok(_hub.SendSigned(_hub.Alice, null, "GET", db)).Json.GetProperty("update_seq").GetInt64();

    private string Rev() => _hub.SendSigned(_hub.Alice, null, "GET", s_doc).Json.GetProperty("_rev").GetString()!;
}
