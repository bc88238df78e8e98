using System.Text;
using CsCheck;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>Damaged and random input: always a JSON 4xx with a reason (never a 5xx, a hang or a crash), and the store unharmed.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TestHub _hub = new(o => o.MaxDocumentBytes = 4096);

    public RobustnessTests()
    {
        _hub.CreateDb("db");
        _hub.PutDoc("db", "keep", "{\"v\":1}");
    }

    public void Dispose() => _hub.Dispose();

    private static readonly (string Method, string Path, string Body)[] s_valid =
    [
        ("POST", "/db/_bulk_docs", "{\"docs\":[{\"_id\":\"a\",\"v\":[1,2,{\"x\":\"y\"}]},{\"_id\":\"b\",\"_rev\":\"1-11111111111111111111111111111111\",\"_revisions\":{\"start\":1,\"ids\":[\"11111111111111111111111111111111\"]}}],\"new_edits\":false}"),
        ("POST", "/db/_bulk_docs", "{\"docs\":[{\"_id\":\"c\",\"n\":-1.5e3,\"s\":\"\\u00e9\\n\"}]}"),
        ("POST", "/db/_bulk_get?revs=true&latest=true", "{\"docs\":[{\"id\":\"keep\",\"rev\":\"1-11111111111111111111111111111111\"},{\"id\":\"keep\"}]}"),
        ("POST", "/db/_revs_diff", "{\"keep\":[\"1-11111111111111111111111111111111\",\"2-22222222222222222222222222222222\"]}"),
        ("POST", "/db/_all_docs?include_docs=true", "{\"keys\":[\"keep\",\"nope\"]}"),
        ("POST", "/db/_changes?filter=_doc_ids", "{\"doc_ids\":[\"keep\"]}"),
        ("PUT", "/db/fuzzed", "{\"a\":{\"b\":[true,false,null]},\"_deleted\":false}"),
        ("POST", "/db", "{\"_id\":\"posted\",\"x\":\"\\ud83d\\ude00\"}"),
        ("PUT", "/db/_local/cp", "{\"last_seq\":5,\"history\":[{\"s\":1}]}"),
        ("PUT", "/_thali/acl:db", "{\"read\":[\"*\"],\"write\":[]}"),
    ];

    private static readonly Gen<string> s_mutated =
        Gen.Int[0, s_valid.Length - 1].SelectMany(i => Gen.Int[0, 4].SelectMany(kind =>
            Gen.Int[0, s_valid[i].Body.Length].SelectMany(at =>
                Gen.Int[1, 8].SelectMany(n =>
                    Gen.Char["{}[]\",:\\0123456789eE.-+tfnul _x\u0001\u00ff"].Array[1, 6].Select(chars =>
                    {
                        string b = s_valid[i].Body;
                        string mutated = kind switch
                        {
                            0 => b[..at],
                            1 => b.Remove(at, Math.Min(n, b.Length - at)),
                            2 => b.Insert(at, new string(chars)),
                            3 => b[..at] + new string(chars) + b[Math.Min(b.Length, at + n)..],
                            _ => b + new string(chars),
                        };
                        return i + "\u0000" + mutated;
                    })))));

    private static void AssertWellFormedReply(Response r, string what, bool lines = false)
    {
        Assert.True(r.Status < 500, $"{what} -> {r.Status} {r.Text}");
        if (r.Status >= 400)
        {
            Assert.Equal("application/json", r.Header("Content-Type"));
            var json = r.Json;
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()), what);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("reason").GetString()), what);
        }
        else if (lines)
        {
            foreach (string line in r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var _ = System.Text.Json.JsonDocument.Parse(line);
            }
        }
        else
        {
            using var _ = System.Text.Json.JsonDocument.Parse(r.Body);
        }
    }

    [Fact]
    public void MutatedBodiesGetJson4xxOrSucceed()
    {
        s_mutated.Sample(sample =>
        {
            int sep = sample.IndexOf('\u0000');
            var (method, path, _) = s_valid[int.Parse(sample[..sep])];
            string body = sample[(sep + 1)..];
            AssertWellFormedReply(_hub.Send(Keys.Admin, method, path, body), method + " " + path + " " + body);
        }, iter: 400, threads: 1);

        Assert.Equal(1, _hub.Get("/db/keep").Json.GetProperty("v").GetInt32());
        _hub.PutDoc("db", "after-fuzz", "{}");
        _hub.Get("/db/_changes").AssertStatus(200);
    }

    [Fact]
    public void RandomBytesGetJson4xx()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            foreach (var (method, path, _) in s_valid.Take(6))
            {
                var r = _hub.Send(Keys.Admin, method, path, Encoding.Latin1.GetString(bytes), ("Content-Type", "application/json"));
                AssertWellFormedReply(r, method + " " + path);
            }
        }, iter: 60, threads: 1);
        Assert.Equal(1, _hub.Get("/db/keep").Json.GetProperty("v").GetInt32());
    }

    [Fact]
    public void RandomQueriesGetJsonReplies()
    {
        var names = new[] { "since", "limit", "style", "feed", "include_docs", "descending", "startkey", "endkey", "key", "keys", "skip", "rev", "revs", "open_revs", "latest", "conflicts", "heartbeat", "timeout", "filter", "doc_ids", "new_edits", "batch", "inclusive_end", "update_seq" };
        var values = new[] { "", "0", "-1", "1", "99999999999999999999", "true", "false", "now", "all", "%22keep%22", "%5B%22a%22%5D", "%5B", "abc", "all_docs", "longpoll", "continuous", "%ZZ", "1-abc", "_doc_ids" };
        var paths = new[] { "/db/_changes", "/db/_all_docs", "/db/keep", "/db/_local/x", "/db" };
        Gen.Select(Gen.Int[0, paths.Length - 1], Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[0, values.Length - 1]).Array[1, 4]).Sample((p, pairs) =>
        {
            string query = string.Join("&", pairs.Select(x => names[x.Item1] + "=" + values[x.Item2]));
            if (query.Contains("feed=") && !query.Contains("timeout="))
            {
                query += "&timeout=50";
            }

            string target = paths[p] + "?" + query;
            // A continuous feed is one JSON text per line.
            AssertWellFormedReply(_hub.Get(target), "GET " + target, lines: query.Contains("feed=continuous"));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void DeepNestingAndHugeNumbersAre400()
    {
        string deep = "{\"a\":" + new string('[', 100) + new string(']', 100) + "}";
        AssertWellFormedReply(_hub.Put("/db/deep", deep), "deep");
        Assert.Equal(400, _hub.Put("/db/deep", deep).Status);
        Assert.Equal(400, _hub.Put("/db/num", "{\"a\":" + new string('9', 300) + "}").Status);
        _hub.Put("/db/num", "{\"a\":12345678901234567890123456789}").AssertStatus(201);
        Assert.EndsWith(",\"a\":12345678901234567890123456789}", _hub.Get("/db/num").Text);
    }
}
