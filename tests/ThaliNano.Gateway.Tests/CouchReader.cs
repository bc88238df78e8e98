using System.Text.Json.Nodes;
using ThaliNano.Gateway.Couch;

namespace ThaliNano.Gateway.Tests;

/// <summary>Reads what arrived, over the same connection settings the gateway writes with.</summary>
internal sealed class CouchReader(CouchDestination destination) : IDisposable
{
    private readonly HttpClient _http = destination.CreateHttpClient(TimeSpan.FromSeconds(20));

    /// <summary>GET {db}/{rest}; null on 404.</summary>
    public JsonNode? Get(string database, string rest)
    {
        using HttpResponseMessage response = _http.Send(new HttpRequestMessage(HttpMethod.Get, destination.Database(database, rest)));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(response.Content.ReadAsStream());
    }

    /// <summary>Every leaf of a document with its history: open_revs=all, revs=true.</summary>
    public JsonNode[] Leaves(string database, string id) => Get(database, "/" + Uri.EscapeDataString(id) + "?open_revs=all&revs=true")!
        .AsArray().Select(row => row!["ok"]!).OrderBy(doc => doc["_rev"]!.GetValue<string>(), StringComparer.Ordinal).ToArray();

    /// <summary>The ids of every change of the database's feed (one row per document).</summary>
    public string[] ChangedIds(string database) => Get(database, "/_changes?style=all_docs")?["results"]!.AsArray()
        .Select(row => row!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray() ?? [];

    public void Dispose() => _http.Dispose();
}
