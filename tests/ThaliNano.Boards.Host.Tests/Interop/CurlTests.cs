using System.Security.Cryptography;
using System.Text.Json.Nodes;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>curl with a client certificate against the hub (key pinned with --pinnedpubkey), and refused clients.</summary>
public sealed class CurlTests : IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void Basic_api_with_a_client_certificate()
    {
        JsonNode welcome = Json(Curl(_hub.Owner, "/"));
        Assert.Equal("Welcome", welcome["couchdb"]!.GetValue<string>());
        Assert.Equal(_hub.Board.Hub.HubUuid, welcome["uuid"]!.GetValue<string>());

        Assert.True(Json(Curl(_hub.Owner, "/curldb", "-X", "PUT", "--data-binary", ""))["ok"]!.GetValue<bool>());
        JsonNode put = Json(Curl(_hub.Owner, "/curldb/greeting", "-X", "PUT", "-H", "Content-Type: application/json",
            "--data-binary", "{\"text\":\"hello\"}"));
        string rev = put["rev"]!.GetValue<string>();
        Assert.Matches("^1-[0-9a-f]{32}$", rev);

        JsonNode doc = Json(Curl(_hub.Owner, "/curldb/greeting"));
        Assert.Equal("hello", doc["text"]!.GetValue<string>());
        Assert.Equal(rev, doc["_rev"]!.GetValue<string>());

        JsonNode changes = Json(Curl(_hub.Owner, "/curldb/_changes?style=all_docs"));
        Assert.Equal("greeting", changes["results"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, changes["last_seq"]!.GetValue<int>());

        JsonNode info = Json(Curl(_hub.Owner, "/curldb"));
        Assert.Equal(1, info["doc_count"]!.GetValue<int>());
        Assert.Equal("0", info["instance_start_time"]!.GetValue<string>());
        Assert.All(_hub.Log.Entries, e => Assert.Equal(_hub.Owner.Principal, e.Principal));
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.3")]
    public void A_client_without_a_certificate_is_refused_at_the_handshake(string tls)
    {
        var (exit, stdout, _) = NodePeers.Run("curl", Arguments(null, "/", "--tls-max", tls, "--tlsv" + tls), TimeSpan.FromSeconds(20));
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Empty(_hub.Log.Entries);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.3")]
    public void A_client_with_an_unpaired_certificate_is_refused_at_the_handshake(string tls)
    {
        ClientIdentity stranger = _hub.Stranger("stranger");
        var (exit, stdout, _) = NodePeers.Run("curl", Arguments(stranger, "/", "--tls-max", tls, "--tlsv" + tls), TimeSpan.FromSeconds(20));
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Empty(_hub.Log.Entries);

        // The same key works once paired: refusal is the registry's decision, not a TLS problem.
        var paired = _hub.Pair("later");
        Assert.Equal(0, NodePeers.Run("curl", Arguments(paired, "/", "--tls-max", tls, "--tlsv" + tls), TimeSpan.FromSeconds(20)).ExitCode);
    }

    private string Curl(ClientIdentity client, string path, params string[] extra)
    {
        var (exit, stdout, stderr) = NodePeers.Run("curl", Arguments(client, path, extra), TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"curl failed ({exit}): {stderr}");
        return stdout;
    }

    private List<string> Arguments(ClientIdentity? client, string path, params string[] extra)
    {
        // curl checks --pinnedpubkey even with -k (which only turns off its CA and host name checks).
        string pin = Convert.ToBase64String(_hub.Board.Identity.KeyId.ToByteArray());
        var arguments = new List<string> { "-sS", "-k", "--pinnedpubkey", "sha256//" + pin, "--max-time", "15" };
        if (client != null)
        {
            arguments.AddRange(new[] { "--cert", client.CertificatePath, "--key", client.KeyPath });
        }

        arguments.AddRange(extra);
        arguments.Add("https://127.0.0.1:" + _hub.Port + path);
        return arguments;
    }

    private static JsonNode Json(string text) => JsonNode.Parse(text) ?? throw new InvalidOperationException("no JSON: " + text);
}
