using System.Text.Json.Nodes;
using ThaliNano.Gateway.Couch;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Gateway.Tests;

/// <summary>What the writer does with answers real servers do not give on demand (a scripted server on 127.0.0.1).</summary>
public sealed class CouchWriterTests : IDisposable
{
    private readonly GatewayFixture _gateway = new();

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData(201, "[{\"id\":\"r001\",\"error\":\"forbidden\",\"reason\":\"validation refused it\"}]", "forbidden")]
    [InlineData(201, "[{\"ok\":true,\"id\":\"r000\",\"rev\":\"1-x\"},{\"id\":\"r001\",\"error\":\"unauthorized\"}]", "unauthorized")]
    [InlineData(500, "{\"error\":\"unknown_error\"}", "500")]
    [InlineData(201, "{\"ok\":true}", "not an array")]
    [InlineData(201, "<html>", "not JSON")]
    public void An_error_row_or_status_fails_the_bundle_and_nothing_is_receipted(int status, string answer, string named)
    {
        using var couch = new FakeCouch(_ => (status, answer));
        _gateway.Start(CouchDestination.FromUrl(couch.Url));
        new ReadingsScenario(_gateway.Sensor, readings: 3);

        CouchWriteException e = Assert.Throws<CouchWriteException>(() => _gateway.Take(_gateway.Sensor.Pack().Single()));
        Assert.Contains(named, e.Message);
        Assert.Equal(0, _gateway.Ledger.Count);
        Assert.Empty(_gateway.Node.ReceiptsFor(_gateway.Sensor.Peer, null));
    }

    [Fact]
    public void Batches_are_bounded_in_documents_and_bytes_and_a_413_halves_them()
    {
        using var couch = new FakeCouch(docs => docs.Count > 3 ? (413, "{\"error\":\"too_many_docs\"}") : (201, "[]"));
        _gateway.Start(CouchDestination.FromUrl(couch.Url), new CouchWriterOptions { MaxBatchDocuments = 10, MaxBatchBytes = 2000 });
        var scenario = new ReadingsScenario(_gateway.Sensor, readings: 40);

        foreach (byte[] bundle in _gateway.Sensor.Pack(maxBundleBytes: 16384))
        {
            Assert.Equal(BundleRejection.None, _gateway.Take(bundle));
        }

        JsonArray[] batches = couch.Batches.ToArray();
        Assert.All(batches, batch => Assert.InRange(batch.Count, 1, 10));
        // The documents' bytes within the bound; the envelope {"new_edits":false,"docs":[...]} and commas beside.
        Assert.All(couch.BatchBytes.Zip(batches), sent => Assert.True(sent.First <= 2000 + 28 + sent.Second.Count, sent.First + " bytes"));
        Assert.Contains(batches, batch => batch.Count > 3);
        string[] written = batches.Where(batch => batch.Count <= 3).SelectMany(batch => batch.Select(doc => doc!["_rev"]!.GetValue<string>())).ToArray();
        Assert.Equal(scenario.Revisions, written.Length);
        Assert.Equal(written.Length, written.Distinct().Count());
    }

    [Theory]
    [InlineData(403, 200, true)]
    [InlineData(403, 404, false)]
    [InlineData(412, 404, true)]
    public void A_database_the_gateway_may_not_create_is_enough_when_it_exists(int createStatus, int getStatus, bool delivered)
    {
        using var couch = new FakeCouch(_ => (201, "[]"), createStatus, getStatus);
        _gateway.Start(CouchDestination.FromUrl(couch.Url));
        _gateway.Sensor.Put("x", null, "{\"n\":1}");
        byte[] bundle = _gateway.Sensor.Pack().Single();

        if (delivered)
        {
            Assert.Equal(BundleRejection.None, _gateway.Take(bundle));
            Assert.Single(couch.Batches);
        }
        else
        {
            Assert.Contains("creating the database answered 403", Assert.Throws<CouchWriteException>(() => _gateway.Take(bundle)).Message);
            Assert.Empty(couch.Batches);
        }
    }

    [Fact]
    public void Plain_http_is_only_for_this_machine_and_basic_auth_comes_from_the_url()
    {
        Assert.Throws<FormatException>(() => CouchDestination.FromUrl("http://couch.example.org:5984/"));
        Assert.Throws<FormatException>(() => CouchDestination.FromUrl("ftp://127.0.0.1/"));
        CouchDestination https = CouchDestination.FromUrl("https://gate%40way:p%3Ass@couch.example.org:6984/prefix");
        Assert.Equal("https://couch.example.org:6984/prefix/", https.Root.ToString());
        Assert.Equal("Basic", https.Authorization!.Scheme);
        Assert.Equal("gate@way:p:ss", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(https.Authorization.Parameter!)));
        Assert.Equal("https://couch.example.org:6984/prefix/a%2Fb/_bulk_docs", https.Database("a/b", "/_bulk_docs").ToString());
    }
}
