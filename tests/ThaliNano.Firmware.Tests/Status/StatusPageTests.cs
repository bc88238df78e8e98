using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using ThaliNano.Firmware.Status;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>GET /_status as JSON and HTML: the facts, who sees what, content negotiation and the headers.</summary>
public sealed class StatusPageTests : IDisposable
{
    private readonly VirtualClock _clock = new();
    private readonly AuthHub _hub;

    public StatusPageTests()
    {
        _hub = new AuthHub("greenhouse", c =>
        {
            c.Status.Clock = _clock;
            c.Status.Memory = new FixedMemory();
        });
    }

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void The_owner_sees_every_fact_as_json()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/field").AssertStatus(201);
        _hub.SendSigned(_hub.Alice, null, "PUT", "/field/r1", "{\"t\":21}").AssertStatus(201);
        _hub.SendSigned(_hub.Alice, null, "PUT", "/_thali/group:crew", "{\"members\":[\"" + Id(_hub.Bob) + "\"]}").AssertStatus(201);
        _clock.Advance(TimeSpan.FromSeconds(90_061));

        JsonElement status = Status(_hub.Alice);

        JsonElement hub = status.GetProperty("hub");
        Assert.Equal(AuthHub.HubKey.ToBase64Url(), hub.GetProperty("key").GetString());
        Assert.Equal(_hub.HubUuid, hub.GetProperty("uuid").GetString());
        Assert.Equal("greenhouse", hub.GetProperty("name").GetString());
        Assert.Equal([AuthHub.Url], hub.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(AuthHub.Url, hub.GetProperty("qr_url").GetString());
        Assert.Equal(1, hub.GetProperty("boot").GetInt64());
        Assert.Equal(90_061, hub.GetProperty("uptime_seconds").GetInt64());

        Assert.Equal(Id(_hub.Alice), status.GetProperty("you").GetProperty("key").GetString());
        Assert.True(status.GetProperty("you").GetProperty("owner").GetBoolean());
        Assert.True(status.GetProperty("you").GetProperty("admin").GetBoolean());

        JsonElement memory = status.GetProperty("memory");
        Assert.Equal("test heap", memory.GetProperty("source").GetString());
        Assert.Equal(12_345, memory.GetProperty("in_use_bytes").GetInt64());
        Assert.Equal(49_152, memory.GetProperty("heap_bytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, memory.GetProperty("free_bytes").ValueKind);

        JsonElement storage = status.GetProperty("storage");
        Assert.Equal(_hub.Hub.Store.UsedBytes, storage.GetProperty("used_bytes").GetInt64());
        Assert.Equal(0, storage.GetProperty("max_bytes").GetInt64());
        Assert.Equal(HubConfiguration.HostMinFreeBytes, storage.GetProperty("min_free_bytes").GetInt64());
        JsonElement[] databases = [.. storage.GetProperty("databases").EnumerateArray()];
        JsonElement field = databases.Single(d => d.GetProperty("name").GetString() == "field");
        Assert.Equal(1, field.GetProperty("doc_count").GetInt64());
        Assert.Equal(_hub.Hub.Store.OpenDatabase("field").GetInfo().SizeOnFlash, field.GetProperty("bytes").GetInt64());
        Assert.False(field.GetProperty("read_only").GetBoolean());
        // The store does not estimate live bytes yet (DatabaseInfo.LiveBytesEstimate stays 0): garbage is "not measured".
        Assert.Equal(JsonValueKind.Null, field.GetProperty("garbage_bytes").ValueKind);
        Assert.Contains(databases, d => d.GetProperty("name").GetString() == "_thali");
        Assert.DoesNotContain(databases, d => d.GetProperty("name").GetString() == "thali$hub");

        Assert.Equal(JsonValueKind.Null, status.GetProperty("mesh").ValueKind);
        JsonElement[] principals = [.. status.GetProperty("principals").EnumerateArray()];
        Assert.Equal(new[] { Id(_hub.Alice), Id(_hub.Bob) }.Order(), principals.Select(p => p.GetProperty("key").GetString()).Order());
        Assert.True(principals.Single(p => p.GetProperty("key").GetString() == Id(_hub.Alice)).GetProperty("owner").GetBoolean());
        Assert.False(principals.Single(p => p.GetProperty("key").GetString() == Id(_hub.Bob)).GetProperty("admin").GetBoolean());
        JsonElement crew = status.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal("crew", crew.GetProperty("name").GetString());
        Assert.Equal([Id(_hub.Bob)], crew.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(22, status.GetProperty("actions").GetProperty("token").GetString()!.Length);
        Assert.DoesNotContain("secret", _hub.Send(_hub.Alice.Key, "GET", "/_status?format=json", null).Text);
    }

    [Fact]
    public void A_paired_reader_sees_the_hub_but_no_databases_principals_errors_or_token()
    {
        JsonElement status = Status(_hub.Bob);

        Assert.False(status.GetProperty("you").GetProperty("admin").GetBoolean());
        Assert.Equal(AuthHub.HubKey.ToBase64Url(), status.GetProperty("hub").GetProperty("key").GetString());
        Assert.True(status.GetProperty("storage").TryGetProperty("used_bytes", out _));
        Assert.False(status.GetProperty("storage").TryGetProperty("databases", out _));
        foreach (string adminOnly in new[] { "principals", "groups", "recent_errors", "actions" })
        {
            Assert.False(status.TryGetProperty(adminOnly, out _), adminOnly + " shown to a reader");
        }

        string html = _hub.Send(_hub.Bob.Key, "GET", "/_status", null).Text;
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain("id=\"principals\"", html);
        Assert.DoesNotContain(Id(_hub.Alice), html);
    }

    [Fact]
    public void An_admin_of_thali_who_is_not_the_owner_gets_the_admin_view()
    {
        MakeAdmin(_hub.Bob);

        JsonElement status = Status(_hub.Bob);

        Assert.True(status.GetProperty("you").GetProperty("admin").GetBoolean());
        Assert.False(status.GetProperty("you").GetProperty("owner").GetBoolean());
        Assert.True(status.TryGetProperty("principals", out _));
    }

    [Fact]
    public void Anonymous_requests_get_401_with_the_challenge()
    {
        var response = _hub.Send(null, "GET", "/_status", null);

        Assert.Contains("authenticated principal", response.AssertError(401, "unauthorized"));
        Assert.Equal(_hub.Challenge, response.Header("WWW-Authenticate"));
    }

    [Fact]
    public void A_signed_request_reads_the_page_as_on_the_esp32()
    {
        var response = _hub.SendSigned(_hub.Bob, null, "GET", "/_status?format=json");

        response.AssertStatus(200);
        Assert.Equal(Id(_hub.Bob), response.Json.GetProperty("you").GetProperty("key").GetString());
    }

    [Fact]
    public void The_html_page_shows_the_facts_with_a_qr_code_no_script_and_strict_headers()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/field").AssertStatus(201);
        _clock.Advance(TimeSpan.FromSeconds(3723));

        var response = _hub.Send(_hub.Alice.Key, "GET", "/_status", null);

        response.AssertStatus(200);
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Contains("default-src 'none'", response.Header("Content-Security-Policy"));
        Assert.Contains("form-action 'self'", response.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.NotEmpty(response.Chunks);
        string html = response.Text;
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.Contains("<small>greenhouse</small>", html);
        Assert.Contains(AuthHub.HubKey.ToBase64Url(), html);
        Assert.Contains(AuthHub.Url, html);
        Assert.Contains("<dd id=\"uptime\">1:02:03</dd>", html);
        Assert.Contains("in use 12 KB, heap 48 KB, free <span class=\"off\">unknown</span> (test heap)", html);
        Assert.Contains("<p class=\"off\">mesh: off</p>", html);
        Assert.Contains("<code>field</code>", html);
        Assert.Contains("action=\"/_status/compact?db=field\"", html);
        Assert.Equal(AuthHub.Url, QrSvgReader.Read(html));
    }

    [Fact]
    public void Html_escapes_what_it_shows()
    {
        using var hub = new AuthHub("<b>&\"me'</b>");

        string html = hub.Send(hub.Alice.Key, "GET", "/_status", null).Text;

        Assert.Contains("<small>&lt;b&gt;&amp;&quot;me&#39;&lt;/b&gt;</small>", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Any_display_name_comes_back_exactly_from_the_html_and_the_json()
    {
        string[] pieces = ["a", "Z", " ", "<", ">", "&", "\"", "'", "é", "€", "\U0001F600"];
        Gen.Int[0, pieces.Length - 1].Array[1, 20].Select(picks => string.Concat(picks.Select(p => pieces[p]))).Sample(name =>
        {
            _hub.Restart(name);

            string html = _hub.Send(_hub.Bob.Key, "GET", "/_status", null).Text;
            string shown = Regex.Match(html, "<small>(.*?)</small>").Groups[1].Value;
            Assert.DoesNotMatch("[<>\"']", shown);
            Assert.Equal(name, WebUtility.HtmlDecode(shown));
            Assert.Equal(name, Status(_hub.Bob).GetProperty("hub").GetProperty("name").GetString());
        }, iter: 20, threads: 1);
    }

    [Theory]
    [InlineData("/_status?format=json", "", true)]
    [InlineData("/_status", "Accept: application/json\r\n", true)]
    [InlineData("/_status", "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n", false)]
    [InlineData("/_status?format=html", "Accept: application/json\r\n", false)]
    [InlineData("/_status", "", false)]
    public void Json_is_chosen_by_format_or_accept(string target, string headers, bool json)
    {
        var response = _hub.Send(_hub.Bob.Key, "GET", target, null, headers: headers);

        response.AssertStatus(200);
        Assert.Equal(json ? "application/json" : "text/html; charset=utf-8", response.Header("Content-Type"));
    }

    [Fact]
    public void Bad_paths_methods_and_formats_get_precise_json_errors()
    {
        Assert.Contains("html or json", _hub.Send(_hub.Bob.Key, "GET", "/_status?format=xml", null).AssertError(400, "bad_request"));
        Assert.Contains("/_status/compact", _hub.Send(_hub.Bob.Key, "GET", "/_status/nothing", null).AssertError(404, "not_found"));
        _hub.Send(_hub.Bob.Key, "GET", "/_status/compact/x", null).AssertError(404, "not_found");

        var post = _hub.Send(_hub.Alice.Key, "POST", "/_status", null);
        post.AssertError(405, "method_not_allowed");
        Assert.Equal("GET, HEAD", post.Header("Allow"));
        var get = _hub.Send(_hub.Alice.Key, "GET", "/_status/compact?db=field", null);
        get.AssertError(405, "method_not_allowed");
        Assert.Equal("POST", get.Header("Allow"));
    }

    [Fact]
    public void Head_answers_the_head_without_a_body()
    {
        var response = _hub.Send(_hub.Bob.Key, "HEAD", "/_status", null);

        response.AssertStatus(200);
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
        Assert.Empty(response.Body);
    }

    private JsonElement Status(AuthHub.Client client)
    {
        var response = _hub.Send(client.Key, "GET", "/_status?format=json", null);
        response.AssertStatus(200);
        Assert.Equal("application/json", response.Header("Content-Type"));
        return response.Json;
    }

    private void MakeAdmin(AuthHub.Client client) => StatusClient.SetAdmins(_hub, _hub.Alice, client);

    private static string Id(AuthHub.Client client) => StatusClient.Id(client);
}
