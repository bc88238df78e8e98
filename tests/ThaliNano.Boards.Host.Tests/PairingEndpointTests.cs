using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ThaliNano.Boards.Host.Tests.Interop;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests;

/// <summary>
/// Pairing while the hub runs, over real mutual TLS: /_pairing as the owner, an admin and a plain client, every bad
/// input, and the effect on the next connection (the handshake asks the registry each time).
/// </summary>
public sealed class PairingEndpointTests : IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task The_owner_pairs_a_client_that_connects_at_once_and_after_unpairing_its_next_handshake_fails()
    {
        ClientIdentity newcomer = ClientIdentity.Create(_hub.ClientsFolder, "newcomer");
        using (HttpClient stranger = Client(newcomer))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetAsync("/"));
        }

        using HttpClient owner = Client(_hub.Owner);
        var (status, paired) = await Send(owner, HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = newcomer.CertificatePem });
        Assert.Equal(201, status);
        Assert.Equal(newcomer.Principal, paired["key"]!.GetValue<string>());
        Assert.False(paired["owner"]!.GetValue<bool>());
        Assert.Equal(32, Base64Url(paired["secret"]!.GetValue<string>()).Length);
        Assert.True(_hub.Board.Registry.IsPaired(newcomer.KeyId));

        using HttpClient client = Client(newcomer);
        Assert.Equal(200, (await Send(client, HttpMethod.Get, "/")).Status);

        var (listed, list) = await Send(owner, HttpMethod.Get, "/_pairing");
        Assert.Equal(200, listed);
        Assert.Equal(_hub.Owner.Principal, list["owner"]!.GetValue<string>());
        Assert.Equal(new[] { newcomer.Principal, _hub.Owner.Principal }.Order(), list["principals"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).Order());

        var (deleted, _) = await Send(owner, HttpMethod.Delete, "/_pairing/" + newcomer.Principal);
        Assert.Equal(200, deleted);

        // The open connection's next request authenticates nobody; a new connection does not get past TLS.
        Assert.Equal(401, (await Send(client, HttpMethod.Get, "/")).Status);
        using HttpClient again = Client(newcomer);
        await Assert.ThrowsAsync<HttpRequestException>(() => again.GetAsync("/"));
        Assert.False(_hub.Board.Registry.IsPaired(newcomer.KeyId));
    }

    [Fact]
    public async Task Admins_manage_pairings_but_only_the_owner_changes_the_owner_and_plain_clients_may_do_nothing()
    {
        ClientIdentity admin = _hub.Pair("admin"), plain = _hub.Pair("plain"), other = _hub.Stranger("other");
        using HttpClient owner = Client(_hub.Owner), asAdmin = Client(admin), asPlain = Client(plain);
        var (_, admins) = await Send(owner, HttpMethod.Get, "/_thali/admins");
        var adminsUpdate = new JsonObject { ["_rev"] = admins["_rev"]!.GetValue<string>(), ["members"] = new JsonArray(_hub.Owner.Principal, admin.Principal) };
        Assert.Equal(201, (await Send(owner, HttpMethod.Put, "/_thali/admins", adminsUpdate)).Status);

        var (denied, body) = await Send(asPlain, HttpMethod.Get, "/_pairing");
        Assert.Equal(403, denied);
        Assert.Equal("forbidden", body["error"]!.GetValue<string>());
        Assert.Equal(403, (await Send(asPlain, HttpMethod.Delete, "/_pairing/" + admin.Principal)).Status);

        Assert.Equal(200, (await Send(asAdmin, HttpMethod.Get, "/_pairing")).Status);
        Assert.Equal(201, (await Send(asAdmin, HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = other.CertificatePem })).Status);
        Assert.Equal(200, (await Send(asAdmin, HttpMethod.Delete, "/_pairing/" + other.Principal)).Status);

        var (claim, claimBody) = await Send(asAdmin, HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = admin.CertificatePem, ["owner"] = true });
        Assert.Equal(403, claim);
        Assert.Contains("only the owner", claimBody["reason"]!.GetValue<string>());
        Assert.Equal(403, (await Send(asAdmin, HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = _hub.Owner.CertificatePem })).Status);
        Assert.Equal(403, (await Send(asAdmin, HttpMethod.Delete, "/_pairing/" + _hub.Owner.Principal)).Status);
        Assert.Equal(_hub.Owner.KeyId, _hub.Board.Registry.Owner);

        var (self, selfBody) = await Send(owner, HttpMethod.Delete, "/_pairing/" + _hub.Owner.Principal);
        Assert.Equal(409, self);
        Assert.Contains("owner", selfBody["reason"]!.GetValue<string>());

        // The owner hands ownership over (here to the admin's key, by DER in base64url); the old owner is then an admin only.
        var (handover, handed) = await Send(owner, HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = Der(admin), ["owner"] = true });
        Assert.Equal(201, handover);
        Assert.True(handed["owner"]!.GetValue<bool>());
        Assert.Equal(admin.KeyId, _hub.Board.Registry.Owner);
        Assert.Equal(403, (await Send(owner, HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = _hub.Owner.CertificatePem, ["owner"] = true })).Status);
    }

    [Fact]
    public async Task Bad_requests_get_precise_json_errors_and_change_nothing()
    {
        using HttpClient owner = Client(_hub.Owner);
        PublicKeyId[] before = _hub.Board.Registry.Principals();
        string caPem = CaCertificatePem();

        await Expect(400, "CA:TRUE", HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = caPem });
        await Expect(400, "not valid JSON", HttpMethod.Post, "/_pairing", "{\"certificate\":");
        await Expect(400, "not a JSON object", HttpMethod.Post, "/_pairing", "[]");
        await Expect(400, "lacks \"certificate\"", HttpMethod.Post, "/_pairing", new JsonObject { ["owner"] = true });
        await Expect(400, "unknown field \"admin\"", HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = caPem, ["admin"] = true });
        await Expect(400, "wrong type", HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = 5 });
        await Expect(400, "neither a PEM certificate nor DER in base64url", HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = "not base64!" });
        await Expect(400, "not strict DER", HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = "AAAA" });
        await Expect(413, "at most 16384 bytes", HttpMethod.Post, "/_pairing", new JsonObject { ["certificate"] = new string('A', 20000) });
        await Expect(400, "43 base64url characters", HttpMethod.Delete, "/_pairing/nope", null);
        await Expect(404, "is not paired", HttpMethod.Delete, "/_pairing/" + PublicKeyId.FromHash(SHA256.HashData("nobody"u8)).ToBase64Url(), null);
        await Expect(404, "/_pairing/<key id>", HttpMethod.Get, "/_pairing/a/b", null);

        using HttpResponseMessage put = await owner.PutAsync("/_pairing", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", put.Content.Headers.Allow));

        Assert.Equal(before.Select(k => k.ToBase64Url()).Order(), _hub.Board.Registry.Principals().Select(k => k.ToBase64Url()).Order());

        async Task Expect(int status, string reason, HttpMethod method, string path, object? body)
        {
            var (actual, json) = await Send(owner, method, path, body);
            Assert.True(status == actual, method + " " + path + " answered " + actual + " " + json.ToJsonString());
            Assert.Contains(reason, json["reason"]!.GetValue<string>());
        }
    }

    /// <summary>An HTTP client with this identity's certificate that accepts only the hub's key.</summary>
    private HttpClient Client(ClientIdentity identity)
    {
        X509Certificate2 certificate = HubIdentity.LoadWithKey(identity.CertificatePem, File.ReadAllText(identity.KeyPath));
        PublicKeyId hubKey = _hub.Board.Identity.KeyId;
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = new X509CertificateCollection { certificate },
                RemoteCertificateValidationCallback = (_, server, _, _) => server != null && PublicKeyId.FromCertificate(server.GetRawCertData()) == hubKey,
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(_hub.Board.HttpsUrl), Timeout = TimeSpan.FromSeconds(20) };
    }

    private static async Task<(int Status, JsonNode Body)> Send(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body != null)
        {
            string text = body as string ?? ((JsonNode)body).ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        string reply = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, reply.Length == 0 ? new JsonObject() : JsonNode.Parse(reply)!);
    }

    private static string Der(ClientIdentity identity) =>
        System.Buffers.Text.Base64Url.EncodeToString(X509Certificate2.CreateFromPem(identity.CertificatePem).RawData);

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static string CaCertificatePem()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=would-be CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
