using System.Text.Json;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>_all_docs: id order, ranges, skip/limit, offset, include_docs, keys (what PouchDB uses for generation-1 docs).</summary>
public sealed class AllDocsTests : IDisposable
{
    private readonly TestHub _hub = new(o => o.AllDocsScanBatch = 4);
    private readonly List<string> _ids;

    public AllDocsTests()
    {
        _hub.CreateDb("db");
        _ids = ["b", "a", "c10", "c2", "Z", "é", "😀", "\uFF5E", "d", "e", "f", "g", "h"];
        foreach (string id in _ids)
        {
            _hub.PutDoc("db", id, "{\"id\":" + JsonSerializer.Serialize(id) + "}");
        }

        string rev = _hub.PutDoc("db", "gone", "{}");
        _hub.Delete("/db/gone?rev=" + rev).AssertStatus(200);
    }

    public void Dispose() => _hub.Dispose();

    /// <summary>CouchDB's raw collation for _all_docs: code point order.</summary>
    private List<string> Sorted(bool descending = false)
    {
        var sorted = _ids.OrderBy(x => x, Comparer<string>.Create(CodePoints)).ToList();
        if (descending)
        {
            sorted.Reverse();
        }

        return sorted;
    }

    private static int CodePoints(string a, string b)
    {
        var x = a.EnumerateRunes().Select(r => r.Value).ToArray();
        var y = b.EnumerateRunes().Select(r => r.Value).ToArray();
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static List<string> RowIds(JsonElement root) => root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

    [Fact]
    public void ListsLiveDocumentsInCodePointOrder()
    {
        var r = _hub.Get("/db/_all_docs");
        r.AssertStatus(200);
        var root = r.Json;
        Assert.Equal(_ids.Count, root.GetProperty("total_rows").GetInt32());
        Assert.Equal(0, root.GetProperty("offset").GetInt32());
        Assert.Equal(Sorted(), RowIds(root));
        var first = root.GetProperty("rows")[0];
        Assert.Equal(first.GetProperty("id").GetString(), first.GetProperty("key").GetString());
        Assert.Matches("^1-[0-9a-f]{32}$", first.GetProperty("value").GetProperty("rev").GetString()!);
        Assert.False(first.TryGetProperty("doc", out _));
    }

    [Fact]
    public void DescendingSkipLimitAndOffset()
    {
        var all = Sorted(descending: true);
        var root = _hub.Get("/db/_all_docs?descending=true&skip=2&limit=5").Json;
        Assert.Equal(all.Skip(2).Take(5).ToList(), RowIds(root));
        Assert.Equal(2, root.GetProperty("offset").GetInt32());
        Assert.Empty(_hub.Get("/db/_all_docs?limit=0").Json.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public void RangesWithInclusiveEnd()
    {
        var all = Sorted();
        string q = "startkey=" + Uri.EscapeDataString("\"c10\"") + "&endkey=" + Uri.EscapeDataString("\"f\"");
        var root = _hub.Get("/db/_all_docs?" + q).Json;
        var expected = all.Where(id => CodePoints(id, "c10") >= 0 && CodePoints(id, "f") <= 0).ToList();
        Assert.Equal(expected, RowIds(root));
        Assert.Equal(all.Count(id => CodePoints(id, "c10") < 0), root.GetProperty("offset").GetInt32());
        Assert.Equal(expected.Take(expected.Count - 1).ToList(), RowIds(_hub.Get("/db/_all_docs?inclusive_end=false&" + q).Json));
        Assert.Equal(new[] { "d" }, RowIds(_hub.Get("/db/_all_docs?key=" + Uri.EscapeDataString("\"d\"")).Json));
        var desc = _hub.Get("/db/_all_docs?descending=true&start_key=" + Uri.EscapeDataString("\"f\"") + "&end_key=" + Uri.EscapeDataString("\"d\"")).Json;
        Assert.Equal(new[] { "f", "e", "d" }, RowIds(desc));
    }

    [Fact]
    public void IncludeDocsAndUpdateSeq()
    {
        var root = _hub.Get("/db/_all_docs?include_docs=true&limit=3&update_seq=true").Json;
        Assert.Equal(_hub.Get("/db").Json.GetProperty("update_seq").GetInt64(), root.GetProperty("update_seq").GetInt64());
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var doc = row.GetProperty("doc");
            Assert.Equal(row.GetProperty("id").GetString(), doc.GetProperty("_id").GetString());
            Assert.Equal(row.GetProperty("value").GetProperty("rev").GetString(), doc.GetProperty("_rev").GetString());
            Assert.Equal(row.GetProperty("id").GetString(), doc.GetProperty("id").GetString());
        }
    }

    [Fact]
    public void KeysAsPouchDbAsksForGenerationOneDocs()
    {
        var r = _hub.Post("/db/_all_docs?conflicts=true&include_docs=true", "{\"keys\":[\"d\",\"missing\",\"gone\",\"a\"]}");
        r.AssertStatus(200);
        var rows = r.Json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("d", rows[0].GetProperty("doc").GetProperty("id").GetString());
        Assert.Equal("{\"key\":\"missing\",\"error\":\"not_found\"}", rows[1].GetRawText());
        Assert.Equal("gone", rows[2].GetProperty("id").GetString());
        Assert.True(rows[2].GetProperty("value").GetProperty("deleted").GetBoolean());
        Assert.StartsWith("2-", rows[2].GetProperty("value").GetProperty("rev").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("doc").ValueKind);
        Assert.Equal("a", rows[3].GetProperty("key").GetString());
        Assert.False(rows[3].GetProperty("doc").TryGetProperty("_conflicts", out _));
        Assert.Equal(_ids.Count, r.Json.GetProperty("total_rows").GetInt32());

        var viaQuery = _hub.Get("/db/_all_docs?keys=" + Uri.EscapeDataString("[\"b\",\"a\"]")).Json;
        Assert.Equal(new[] { "b", "a" }, RowIds(viaQuery));
    }

    [Fact]
    public void ConflictsShowInIncludedDocs()
    {
        string h1 = new('1', 32);
        string h2 = new('2', 32);
        _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"k\",\"_rev\":\"1-" + h1 + "\"},{\"_id\":\"k\",\"_rev\":\"1-" + h2 + "\"}]}")
            .AssertStatus(201);
        var row = _hub.Post("/db/_all_docs?conflicts=true&include_docs=true", "{\"keys\":[\"k\"]}").Json.GetProperty("rows")[0];
        Assert.Equal("1-" + h2, row.GetProperty("value").GetProperty("rev").GetString());
        Assert.Equal(new[] { "1-" + h1 }, row.GetProperty("doc").GetProperty("_conflicts").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [Theory]
    [InlineData("/db/_all_docs?startkey=abc")]
    [InlineData("/db/_all_docs?startkey=5")]
    [InlineData("/db/_all_docs?limit=-1")]
    [InlineData("/db/_all_docs?limit=x")]
    [InlineData("/db/_all_docs?descending=1")]
    [InlineData("/db/_all_docs?keys=%5B1%5D")]
    public void BadQueryValuesAre400(string path)
    {
        _hub.Get(path).AssertError(400, "query_parse_error");
    }

    [Fact]
    public void UnsupportedOptions()
    {
        _hub.Get("/db/_all_docs?attachments=true&include_docs=true").AssertError(400, "bad_request");
        _hub.Get("/db/_all_docs?reduce=true").AssertError(400, "bad_request");
        _hub.Post("/db/_all_docs", "{\"keys\":\"a\"}").AssertError(400, "bad_request");
        _hub.Post("/db/_all_docs", "{\"keys\":[\"a\"]").AssertError(400, "bad_request");
    }
}
