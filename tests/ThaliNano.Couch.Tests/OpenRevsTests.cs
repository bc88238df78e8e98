using System.Text;
using System.Text.Json;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// open_revs as JSON (PouchDB's fallback) and as multipart/mixed (the CouchDB replicator's fallback: parts whose
/// Content-Type is exactly application/json, a missing rev as application/json; error="true" with {"missing":rev}).
/// </summary>
public sealed class OpenRevsTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private static readonly string s_h9 = new('9', 32);
    private readonly TestHub _hub = new();

    public OpenRevsTests()
    {
        _hub.CreateDb("db");
        _hub.Put("/db/c?new_edits=false", "{\"_rev\":\"1-" + s_h1 + "\",\"side\":\"a\"}").AssertStatus(201);
        _hub.Put("/db/c?new_edits=false", "{\"_rev\":\"2-" + s_h2 + "\",\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h2 + "\",\"" + s_h9 + "\"]},\"side\":\"b\"}")
            .AssertStatus(201);
    }

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void AllLeavesAsJson()
    {
        var r = _hub.Get("/db/c?open_revs=all&revs=true");
        r.AssertStatus(200);
        var answers = r.Json.EnumerateArray().ToList();
        Assert.Equal(2, answers.Count);
        var revs = answers.Select(a => a.GetProperty("ok").GetProperty("_rev").GetString()).OrderBy(x => x).ToArray();
        Assert.Equal(new[] { "1-" + s_h1, "2-" + s_h2 }, revs);
        var b = answers.Single(a => a.GetProperty("ok").GetProperty("_rev").GetString() == "2-" + s_h2).GetProperty("ok");
        Assert.Equal("b", b.GetProperty("side").GetString());
        Assert.Equal(2, b.GetProperty("_revisions").GetProperty("start").GetInt32());
        Assert.Equal(new[] { s_h2, s_h9 }, b.GetProperty("_revisions").GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [Fact]
    public void ListedRevsInOrderWithMissingOnes()
    {
        string query = Uri.EscapeDataString("[\"2-" + s_h2 + "\",\"3-" + s_h9 + "\",\"1-" + s_h1 + "\"]");
        var answers = _hub.Get("/db/c?open_revs=" + query).Json.EnumerateArray().ToList();
        Assert.Equal(3, answers.Count);
        Assert.Equal("2-" + s_h2, answers[0].GetProperty("ok").GetProperty("_rev").GetString());
        Assert.Equal("{\"missing\":\"3-" + s_h9 + "\"}", answers[1].GetRawText());
        Assert.Equal("a", answers[2].GetProperty("ok").GetProperty("side").GetString());
    }

    [Fact]
    public void LatestAnswersTheLeavesOfAnAncestor()
    {
        string query = Uri.EscapeDataString("[\"1-" + s_h9 + "\"]");
        var plain = _hub.Get("/db/c?open_revs=" + query).Json.EnumerateArray().Single();
        Assert.Equal("1-" + s_h9, plain.GetProperty("missing").GetString());
        var latest = _hub.Get("/db/c?latest=true&open_revs=" + query).Json.EnumerateArray().Single();
        Assert.Equal("2-" + s_h2, latest.GetProperty("ok").GetProperty("_rev").GetString());
    }

    [Fact]
    public void UnknownDocumentAndBadValues()
    {
        _hub.Get("/db/nope?open_revs=all").AssertError(404, "not_found");
        var missing = _hub.Get("/db/nope?open_revs=" + Uri.EscapeDataString("[\"1-" + s_h1 + "\"]")).Json.EnumerateArray().Single();
        Assert.Equal("1-" + s_h1, missing.GetProperty("missing").GetString());
        _hub.Get("/db/c?open_revs=yes").AssertError(400, "query_parse_error");
        _hub.Get("/db/c?open_revs=" + Uri.EscapeDataString("[1,2]")).AssertError(400, "query_parse_error");
    }

    [Fact]
    public void MultipartMixedHasCouchDbsExactFraming()
    {
        string query = Uri.EscapeDataString("[\"2-" + s_h2 + "\",\"3-" + s_h9 + "\"]");
        var r = _hub.Send(Keys.Admin, "GET", "/db/c?revs=true&latest=true&open_revs=" + query, null, ("Accept", "multipart/mixed"));
        r.AssertStatus(200);
        string type = r.Header("Content-Type")!;
        var match = System.Text.RegularExpressions.Regex.Match(type, "^multipart/mixed; boundary=\"([^\"]+)\"$");
        Assert.True(match.Success, type);
        string b = match.Groups[1].Value;
        string body = r.Text;
        Assert.StartsWith("--" + b + "\r\n", body);
        Assert.EndsWith("\r\n--" + b + "--", body);
        string[] parts = body[(2 + b.Length)..^(2 + b.Length + 2 + 2)].Split("\r\n--" + b);
        Assert.Equal(2, parts.Length);

        const string docHead = "\r\nContent-Type: application/json\r\n\r\n";
        Assert.StartsWith(docHead, parts[0]);
        var doc = JsonDocument.Parse(parts[0][docHead.Length..]).RootElement;
        Assert.Equal("2-" + s_h2, doc.GetProperty("_rev").GetString());
        Assert.Equal("c", doc.GetProperty("_id").GetString());
        Assert.Equal(2, doc.GetProperty("_revisions").GetProperty("start").GetInt32());

        Assert.Equal("\r\nContent-Type: application/json; error=\"true\"\r\n\r\n{\"missing\":\"3-" + s_h9 + "\"}", parts[1]);
    }

    [Fact]
    public void MultipartOfAllLeaves()
    {
        var r = _hub.Send(Keys.Admin, "GET", "/db/c?open_revs=all", null, ("Accept", "multipart/mixed"));
        r.AssertStatus(200);
        string b = r.Header("Content-Type")!.Split("boundary=\"")[1].TrimEnd('"');
        Assert.Equal(3, Encoding.UTF8.GetString(r.Body).Split("--" + b).Length - 1);
    }
}
