using ThaliNano.Couch.Tests.Fakes;
using ThaliNano.Store;

namespace ThaliNano.Couch.Tests;

/// <summary>What the store reports on purpose becomes a JSON reply: full (507), corrupted (500), read-only (503).</summary>
public sealed class StoreErrorTests : IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void AFullDatabaseAnswers507AndKeepsWhatItHad()
    {
        _hub.Store.CreateDatabase("small", new DatabaseOptions { QuotaBytes = 24 * 1024 });
        string pad = new('x', 1000);
        Response? full = null;
        int written = 0;
        for (int i = 0; i < 100 && full == null; i++)
        {
            var r = _hub.Post("/small/_bulk_docs", "{\"docs\":[" + string.Join(",", Enumerable.Range(0, 5).Select(k => "{\"_id\":\"d" + i + "-" + k + "\",\"pad\":\"" + pad + "\"}")) + "]}");
            if (r.Status == 201)
            {
                written += 5;
            }
            else
            {
                full = r;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("quota", full!.AssertError(507, "insufficient_storage"));
        Assert.Equal(written, _hub.Get("/small").Json.GetProperty("doc_count").GetInt32());
        _hub.Put("/small/one-more", "{\"pad\":\"" + string.Concat(Enumerable.Repeat(pad, 6)) + "\"}").AssertError(507, "insufficient_storage");
        _hub.Get("/small/d0-0").AssertStatus(200);
    }

    [Fact]
    public void CorruptionIs500ThenTheDatabaseIsReadOnly503()
    {
        _hub.CreateDb("db");
        _hub.PutDoc("db", "victim", "{\"payload\":\"" + new string('v', 200) + "\"}");
        _hub.PutDoc("db", "other", "{\"x\":1}");
        string log = Directory.GetFiles(HubFolder(), "log.*", SearchOption.AllDirectories).Single(f => f.Contains(Path.DirectorySeparatorChar + "db" + Path.DirectorySeparatorChar));
        byte[] bytes = File.ReadAllBytes(log);
        int at = IndexOf(bytes, "vvvvvvvvvv"u8.ToArray());
        Assert.True(at > 0);
        using (var f = new FileStream(log, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            f.Position = at + 5;
            f.WriteByte((byte)'w');
        }

        Assert.Contains("corrupted", _hub.Get("/db/victim").AssertError(500, "store_corrupted"));
        Assert.Contains("read-only", _hub.Put("/db/new", "{}").AssertError(503, "read_only"));
        _hub.Post("/db/_bulk_docs", "{\"docs\":[{}]}").AssertError(503, "read_only");
        var info = _hub.Get("/db").Json;
        Assert.True(info.GetProperty("read_only").GetBoolean());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("corruption").GetString()));
    }

    private string HubFolder() => (string)typeof(TestHub).GetField("_folder", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(_hub)!;

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
