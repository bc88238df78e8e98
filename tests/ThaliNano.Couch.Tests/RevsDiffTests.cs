using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>POST _revs_diff {"id":["rev",...]} -> {"id":{"missing":[...]}}, ids with nothing missing omitted.</summary>
public sealed class RevsDiffTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private static readonly string s_hA = new('a', 32);
    private readonly TestHub _hub = new();

    public RevsDiffTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void ReportsExactlyWhatIsMissing()
    {
        string have = _hub.PutDoc("db", "known", "{}");
        var r = _hub.Post("/db/_revs_diff",
            "{\"known\":[\"" + have + "\",\"2-" + s_h2 + "\"],\"fresh\":[\"1-" + s_h1 + "\",\"1-" + s_hA + "\"],\"done\":[]}");
        r.AssertStatus(200);
        var json = r.Json;
        Assert.Equal(new[] { "known", "fresh" }, json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(new[] { "2-" + s_h2 }, json.GetProperty("known").GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal(new[] { "1-" + s_h1, "1-" + s_hA }, json.GetProperty("fresh").GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [Fact]
    public void NothingMissingIsAnEmptyObject()
    {
        string have = _hub.PutDoc("db", "known", "{}");
        var r = _hub.Post("/db/_revs_diff", "{\"known\":[\"" + have + "\"]}");
        r.AssertStatus(200);
        Assert.Equal("{}", r.Text);
        Assert.Equal("{}", _hub.Post("/db/_revs_diff", "{}").Text);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"a\":\"1-x\"}")]
    [InlineData("{\"a\":[1]}")]
    [InlineData("{\"a\":[\"1-x\"]")]
    [InlineData("")]
    public void MalformedBodiesAre400(string body)
    {
        _hub.Post("/db/_revs_diff", body).AssertError(400, "bad_request");
    }

    [Fact]
    public void OnlyPost()
    {
        _hub.Get("/db/_revs_diff").AssertError(405, "method_not_allowed");
        _hub.Post("/nope/_revs_diff", "{}").AssertError(404, "not_found");
    }
}
