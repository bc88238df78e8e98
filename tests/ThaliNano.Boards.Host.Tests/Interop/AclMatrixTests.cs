using System.Text.Json.Nodes;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>
/// The ACLs over real TLS: each principal is a paired client certificate and sends its requests through PouchDB's
/// fetch (mTLS, pinned). The owner is the admin; "acldb" may be read by the reader and the group "team", written by the
/// writer; the stranger is paired but on no list.
/// </summary>
public sealed class AclMatrixTests : IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void Each_principal_gets_exactly_its_rights()
    {
        ClientIdentity reader = _hub.Pair("reader"), writer = _hub.Pair("writer"), member = _hub.Pair("member", ecdsa: true),
            stranger = _hub.Pair("stranger");
        Requests(_hub.Owner,
            ("PUT", "/acldb", null, 201),
            ("PUT", "/acldb/existing", new { v = 1 }, 201),
            ("PUT", "/_thali/group:team", new { members = new[] { member.Principal } }, 201),
            ("PUT", "/_thali/acl:acldb", new { read = new[] { reader.Principal, "group:team" }, write = new[] { writer.Principal } }, 201));

        // principal, then the expected status of: read a doc, write a doc, read the feed, db info, create a db, read the system db
        var matrix = new (ClientIdentity Who, int[] Expected)[]
        {
            (_hub.Owner, new[] { 200, 201, 200, 200, 201, 200 }),
            (reader, new[] { 200, 403, 200, 200, 403, 403 }),
            (writer, new[] { 403, 201, 403, 200, 403, 403 }),
            (member, new[] { 200, 403, 200, 200, 403, 403 }),
            (stranger, new[] { 403, 403, 403, 403, 403, 403 }),
        };
        foreach (var (who, expected) in matrix)
        {
            JsonArray r = Requests(who,
                ("GET", "/acldb/existing", null, expected[0]),
                ("PUT", "/acldb/by-" + who.Name, new { v = who.Name }, expected[1]),
                ("GET", "/acldb/_changes", null, expected[2]),
                ("GET", "/acldb", null, expected[3]),
                ("PUT", "/made-by-" + who.Name, null, expected[4]),
                ("GET", "/_thali/admins", null, expected[5]),
                ("GET", "/_all_dbs", null, 200));
            JsonNode denied = r.FirstOrDefault(x => x!["status"]!.GetValue<int>() == 403)?["body"] ?? new JsonObject { ["error"] = "forbidden" };
            Assert.Equal("forbidden", denied["error"]!.GetValue<string>());
            string[] visible = r[6]!["body"]!.AsArray().Select(x => x!.GetValue<string>()).ToArray();
            Assert.Equal(expected[0] == 200, visible.Contains("acldb"));
            Assert.Equal(who == _hub.Owner, visible.Contains("_thali"));
        }

        // Every request was attributed to the principal whose certificate made it.
        foreach (var (who, _) in matrix)
        {
            Assert.Contains(_hub.Log.Entries, e => e.Principal == who.Principal && e.Target == "/acldb/by-" + who.Name);
        }
    }

    /// <summary>Sends requests as a client and asserts each status; returns the runner's results.</summary>
    private JsonArray Requests(ClientIdentity client, params (string Method, string Path, object? Body, int Status)[] requests)
    {
        object[] steps = requests.Select(q => (object)new { op = "request", db = "hub", method = q.Method, path = q.Path, body = q.Body }).ToArray();
        JsonArray results = NodePeers.RunScript("pouch-steps.js", _hub.Steps(client, steps), TimeSpan.FromSeconds(25))["results"]!.AsArray();
        for (int i = 0; i < requests.Length; i++)
        {
            Assert.True(requests[i].Status == results[i]!["status"]!.GetValue<int>(),
                $"{client.Name}: {requests[i].Method} {requests[i].Path} answered {results[i]!.ToJsonString()}, expected {requests[i].Status}");
        }

        return results;
    }
}
