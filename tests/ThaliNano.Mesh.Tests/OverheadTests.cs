using System.Text;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;
using Xunit.Abstractions;

namespace ThaliNano.Mesh.Tests;

/// <summary>Wire overhead of sealed bundles of sensor readings (README, "Overhead").</summary>
public sealed class OverheadTests(ITestOutputHelper output) : IDisposable
{
    private readonly MeshFixture _mesh = new();

    [Theory]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Sealing_adds_at_most_15_percent_to_a_full_bundle_of_readings(int maxBundleBytes)
    {
        _mesh.WriteReadings(200, bodyBytes: 100);

        BundleBuildResult result = _mesh.Builder(maxBundleBytes).Build(0, 1, MeshFixture.Now);
        _mesh.Opener().Open(result.Bundle, MeshFixture.Now, out OpenedBundle opened);
        int couchJson = opened.Payload.Revisions.Sum(CouchJsonBytes);
        double sealedOverPayload = (double)result.Bundle.Length / result.PayloadBytes;
        double sealedOverJson = (double)result.Bundle.Length / couchJson;

        output.WriteLine($"limit {maxBundleBytes}: {result.DocumentCount} readings, payload {result.PayloadBytes} B, sealed {result.Bundle.Length} B " +
            $"(x{sealedOverPayload:F3} payload), CouchDB JSON {couchJson} B (sealed x{sealedOverJson:F3} JSON)");
        Assert.True(sealedOverPayload <= 1.15, sealedOverPayload.ToString("F3"));
        Assert.True(sealedOverJson < 1.0, sealedOverJson.ToString("F3"));
    }

    /// <summary>The document as _bulk_docs new_edits=false needs it: {"_id","_rev","_revisions":{"start","ids"},...body}.</summary>
    private static int CouchJsonBytes(BundleRevision revision)
    {
        string head = $"{{\"_id\":\"{revision.Id}\",\"_rev\":\"{revision.Rev}\",\"_revisions\":{{\"start\":{revision.RevisionsStart},\"ids\":[" +
            string.Join(",", revision.RevisionIds.Select(id => "\"" + id + "\"")) + "]},";
        return Encoding.UTF8.GetByteCount(head) + revision.Body.Length - 1;
    }

    public void Dispose() => _mesh.Dispose();
}
