using ThaliNano.Tests.Fakes;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>POST /_status/compact and /_status/purge-delivered: who may, the token, the replies and the errors.</summary>
public sealed class StatusActionTests : IDisposable
{
    private const string Form = "Content-Type: application/x-www-form-urlencoded\r\n";
    private const string Browser = "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n" + Form;

    private readonly FakeMesh _mesh = new();
    private readonly AuthHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void The_owner_compacts_a_database_and_gets_the_sizes()
    {
        string token = FieldWithHistory();
        long before = _hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash;

        var response = Post(_hub.Alice, "/_status/compact?db=field", "token=" + token, Form);

        response.AssertStatus(200);
        Assert.True(response.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("field", response.Json.GetProperty("db").GetString());
        Assert.Equal(before, response.Json.GetProperty("size_before").GetInt64());
        long after = response.Json.GetProperty("size_after").GetInt64();
        Assert.True(after < before, $"compaction left {after} of {before} bytes");
        Assert.Equal(after, _hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash);
        Assert.Equal(1, response.Json.GetProperty("records_copied").GetInt64());
        Assert.Equal(19, _hub.SendSigned(_hub.Alice, null, "GET", "/field/r").Json.GetProperty("t").GetInt32());
    }

    [Fact]
    public void A_browser_form_post_goes_back_to_the_page_which_shows_the_last_action()
    {
        string token = FieldWithHistory();

        var response = Post(_hub.Alice, "/_status/compact?db=field", "token=" + token, Browser);

        response.AssertStatus(303);
        Assert.Equal("/_status", response.Header("Location"));
        string page = _hub.Send(_hub.Alice.Key, "GET", "/_status", null).Text;
        Assert.Matches("<p id=\"last-action\">Last action: compacted field: \\d+ to \\d+ bytes</p>", page);
        Assert.DoesNotContain("last-action", _hub.Send(_hub.Bob.Key, "GET", "/_status", null).Text);
    }

    [Fact]
    public void The_token_may_come_in_a_header()
    {
        string token = FieldWithHistory();

        Post(_hub.Alice, "/_status/compact?db=field", "", "X-Status-Token: " + token + "\r\n").AssertStatus(200);
    }

    [Fact]
    public void An_admin_of_thali_may_act_with_its_own_token()
    {
        FieldWithHistory();
        StatusClient.SetAdmins(_hub, _hub.Alice, _hub.Bob);

        Post(_hub.Bob, "/_status/compact?db=_thali", "token=" + StatusClient.Token(_hub, _hub.Bob), Form).AssertStatus(200);
    }

    [Fact]
    public void A_reader_is_refused_with_403_even_with_a_token_that_was_once_its_own()
    {
        FieldWithHistory();
        StatusClient.SetAdmins(_hub, _hub.Alice, _hub.Bob);
        string bobsToken = StatusClient.Token(_hub, _hub.Bob);
        StatusClient.SetAdmins(_hub, _hub.Alice);
        long before = _hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash;

        string reason = Post(_hub.Bob, "/_status/compact?db=field", "token=" + bobsToken, Form).AssertError(403, "forbidden");

        Assert.Contains("only the hub's owner and the admins", reason);
        Assert.Equal(before, _hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash);
        Post(_hub.Bob, "/_status/purge-delivered", "token=" + bobsToken, Form).AssertError(403, "forbidden");
    }

    [Theory]
    [InlineData("")]
    [InlineData("token=")]
    [InlineData("token=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("other=1")]
    public void A_missing_or_wrong_token_is_refused_and_nothing_is_compacted(string body)
    {
        FieldWithHistory();
        long before = _hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash;

        string reason = Post(_hub.Alice, "/_status/compact?db=field", body, Browser).AssertError(403, "forbidden");

        Assert.Contains("action token is missing or wrong", reason);
        Assert.Equal(before, _hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash);
    }

    [Fact]
    public void A_token_is_good_for_its_own_principal_and_this_start_only()
    {
        StatusClient.SetAdmins(_hub, _hub.Alice, _hub.Bob);
        string alicesToken = FieldWithHistory();

        Post(_hub.Bob, "/_status/compact?db=field", "token=" + alicesToken, Form).AssertError(403, "forbidden");
        Assert.NotEqual(alicesToken, StatusClient.Token(_hub, _hub.Bob));

        _hub.Restart("test hub");
        Post(_hub.Alice, "/_status/compact?db=field", "token=" + alicesToken, Form).AssertError(403, "forbidden");
        Post(_hub.Alice, "/_status/compact?db=field", "token=" + StatusClient.Token(_hub, _hub.Alice), Form).AssertStatus(200);
    }

    [Fact]
    public void Bad_databases_get_precise_errors()
    {
        string token = "token=" + StatusClient.Token(_hub, _hub.Alice);

        Assert.Contains("?db=NAME", Post(_hub.Alice, "/_status/compact", token, Form).AssertError(400, "bad_request"));
        Assert.Contains("not a database name", Post(_hub.Alice, "/_status/compact?db=Bad%20Name", token, Form).AssertError(400, "illegal_database_name"));
        Assert.Contains("no database nothere", Post(_hub.Alice, "/_status/compact?db=nothere", token, Form).AssertError(404, "not_found"));
        // The system database's store name is not an HTTP name.
        Post(_hub.Alice, "/_status/compact?db=thali%24hub", token, Form).AssertError(404, "not_found");
    }

    [Fact]
    public void A_form_body_beyond_its_limit_is_413()
    {
        string token = StatusClient.Token(_hub, _hub.Alice);

        string reason = Post(_hub.Alice, "/_status/compact?db=_thali", "token=" + token + "&pad=" + new string('x', 600), Form)
            .AssertError(413, "request_entity_too_large");

        Assert.Contains("at most 512 bytes", reason);
    }

    [Fact]
    public void Purge_delivered_with_the_mesh_off_is_409()
    {
        string token = StatusClient.Token(_hub, _hub.Alice);

        Assert.Contains("mesh: off", Post(_hub.Alice, "/_status/purge-delivered", "token=" + token, Form).AssertError(409, "conflict"));
    }

    [Fact]
    public void Purge_delivered_asks_the_mesh_once_and_the_page_shows_the_mesh()
    {
        using var hub = new AuthHub(configure: c => c.Status.Mesh = _mesh);
        string token = StatusClient.Token(hub, hub.Alice);

        var response = hub.Send(hub.Alice.Key, "POST", "/_status/purge-delivered", null, "token=" + token, headers: Form);

        response.AssertStatus(200);
        Assert.Equal(4096, response.Json.GetProperty("bytes_freed").GetInt64());
        Assert.Equal(1, _mesh.FreeCalls);
        var mesh = hub.Send(hub.Bob.Key, "GET", "/_status?format=json", null).Json.GetProperty("mesh");
        Assert.Equal(7, mesh.GetProperty("pending_bundles").GetInt64());
        Assert.Equal(4, mesh.GetProperty("copies_out").GetInt64());
        Assert.Equal(19, mesh.GetProperty("receipted_bundles").GetInt64());
        Assert.Equal(20_480, mesh.GetProperty("bytes_freed").GetInt64());
        var contacts = mesh.GetProperty("recent_contacts").EnumerateArray().ToArray();
        Assert.Equal(2, contacts.Length);
        Assert.Equal("ble", contacts[0].GetProperty("link").GetString());
        Assert.Equal(75, contacts[0].GetProperty("age_seconds").GetInt64());
        Assert.False(contacts[1].GetProperty("completed").GetBoolean());
        string html = hub.Send(hub.Alice.Key, "GET", "/_status", null).Text;
        Assert.Contains("<dt>Pending bundles</dt><dd>7</dd>", html);
        Assert.Contains("1:01:40", html);
        Assert.Contains("action=\"/_status/purge-delivered\"", html);
        Assert.Contains("Last action: freed 4096 bytes of delivered readings", html);
    }

    // A database with one document written 20 times (19 superseded records), and the owner's token.
    private string FieldWithHistory()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/field").AssertStatus(201);
        string? rev = null;
        for (int t = 0; t < 20; t++)
        {
            string body = "{\"t\":" + t + (rev == null ? "" : ",\"_rev\":\"" + rev + "\"") + "}";
            rev = _hub.SendSigned(_hub.Alice, null, "PUT", "/field/r", body).Json.GetProperty("rev").GetString();
        }

        return StatusClient.Token(_hub, _hub.Alice);
    }

    private Response Post(AuthHub.Client client, string target, string body, string headers) =>
        _hub.Send(client.Key, "POST", target, null, body, headers: headers);
}
