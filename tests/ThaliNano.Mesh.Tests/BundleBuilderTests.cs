using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;

namespace ThaliNano.Mesh.Tests;

public sealed class BundleBuilderTests : IDisposable
{
    private readonly MeshFixture _mesh = new();

    [Fact]
    public void The_settled_floor_travels_sealed_and_never_above_the_bundles_own_number()
    {
        _mesh.WriteReadings(2);

        BundleBuildResult built = _mesh.Builder().Build(0, uint.MaxValue, 9, MeshFixture.Now, 7);

        Assert.Equal(BundleRejection.None, _mesh.Opener().Open(built.Bundle, MeshFixture.Now, out OpenedBundle opened));
        Assert.Equal(7, opened.Payload.SettledBelow);
        Assert.Throws<ArgumentOutOfRangeException>(() => _mesh.Builder().Build(0, uint.MaxValue, 9, MeshFixture.Now, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => _mesh.Builder().Build(0, uint.MaxValue, 9, MeshFixture.Now, -1));
    }

    [Fact]
    public void A_bundle_opens_to_exactly_the_stored_revisions()
    {
        _mesh.WriteReadings(5);
        string rev = _mesh.Database.Get("r0001").Rev;
        _mesh.Database.Put("r0001", rev, MeshFixture.Body(99, 50));
        _mesh.Database.Delete("r0002", _mesh.Database.Get("r0002").Rev);

        BundleBuildResult built = _mesh.Builder().Build(0, 1, MeshFixture.Now);

        Assert.Equal(BundleBuildStatus.Built, built.Status);
        Assert.Equal(BundleRejection.None, _mesh.Opener().Open(built.Bundle, MeshFixture.Now, out OpenedBundle opened));
        Assert.Equal("readings", opened.Payload.DatabaseName);
        Assert.Equal(0, opened.Payload.SettledBelow);
        Assert.Equal(5, opened.Payload.Revisions.Length);
        foreach (BundleRevision carried in opened.Payload.Revisions)
        {
            Document stored = _mesh.Database.Get(carried.Id, null, ReadOptions.Revisions);
            Assert.Equal(stored.Rev, carried.Rev);
            Assert.Equal(stored.RevisionsStart, carried.RevisionsStart);
            Assert.Equal(stored.RevisionIds, carried.RevisionIds);
            Assert.Equal(stored.Deleted, carried.Deleted);
            Assert.Equal(stored.Body, carried.Body);
        }

        Assert.Equal(2, opened.Payload.Revisions.Single(r => r.Id == "r0001").RevisionIds.Length);
        Assert.True(opened.Payload.Revisions.Single(r => r.Id == "r0002").Deleted);
        Assert.Equal(1, opened.Header.FromSeq);
        Assert.Equal(_mesh.Database.GetInfo().UpdateSeq, opened.Header.ToSeq);
        Assert.Equal(built.NextSince, opened.Header.ToSeq);
    }

    [Fact]
    public void Conflicting_leaves_travel_together_with_their_ancestry()
    {
        _mesh.Database.PutReplicated("c", 2, new[] { "aa" + new string('0', 30), "bb" + new string('0', 30) }, false, "{\"a\":1}"u8.ToArray());
        _mesh.Database.PutReplicated("c", 2, new[] { "cc" + new string('0', 30), "bb" + new string('0', 30) }, false, "{\"a\":2}"u8.ToArray());

        BundleBuildResult built = _mesh.Builder().Build(0, 1, MeshFixture.Now);
        _mesh.Opener().Open(built.Bundle, MeshFixture.Now, out OpenedBundle opened);

        Assert.Equal(2, opened.Payload.Revisions.Length);
        Assert.All(opened.Payload.Revisions, r => Assert.Equal("bb" + new string('0', 30), r.RevisionIds[1]));
        Assert.Equal(new[] { "2-aa" + new string('0', 30), "2-cc" + new string('0', 30) }, opened.Payload.Revisions.Select(r => r.Rev).Order());
    }

    [Fact]
    public void Revision_ids_that_are_not_hex_survive_the_compact_encoding()
    {
        _mesh.Database.PutReplicated("odd", 1, new[] { "NotHexId42" }, false, "{}"u8.ToArray());

        _mesh.Opener().Open(_mesh.Builder().Build(0, 1, MeshFixture.Now).Bundle, MeshFixture.Now, out OpenedBundle opened);

        Assert.Equal("1-NotHexId42", opened.Payload.Revisions[0].Rev);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Successive_bundles_respect_the_size_limit_and_carry_every_document_once(int maxBundleBytes)
    {
        string[] ids = _mesh.WriteReadings(60, bodyBytes: 120);
        BundleBuilder builder = _mesh.Builder(maxBundleBytes);
        var seen = new List<string>();
        long since = 0;
        long expectedFrom = 1;
        for (long sequence = 1; ; sequence++)
        {
            BundleBuildResult result = builder.Build(since, sequence, MeshFixture.Now);
            if (result.Status == BundleBuildStatus.NothingNew)
            {
                break;
            }

            Assert.True(result.Bundle.Length <= maxBundleBytes);
            Assert.Equal(expectedFrom, result.Header.FromSeq);
            Assert.Equal(BundleRejection.None, _mesh.Opener().Open(result.Bundle, MeshFixture.Now, out OpenedBundle opened));
            seen.AddRange(opened.Payload.Revisions.Select(r => r.Id));
            since = result.NextSince;
            expectedFrom = result.Header.ToSeq + 1;
        }

        Assert.Equal(ids, seen);
        Assert.Equal(_mesh.Database.GetInfo().UpdateSeq, since);
    }

    [Fact]
    public void A_bundle_is_full_when_the_next_document_would_not_fit()
    {
        _mesh.WriteReadings(40, bodyBytes: 120);
        BundleBuildResult limited = _mesh.Builder(1024).Build(0, 1, MeshFixture.Now);
        using var oneMore = new MeshFixture();
        oneMore.WriteReadings(limited.DocumentCount + 1, bodyBytes: 120);

        BundleBuildResult larger = oneMore.Builder(16384).Build(0, 1, MeshFixture.Now);

        Assert.True(limited.DocumentCount < 40);
        Assert.True(limited.Bundle.Length <= 1024);
        Assert.True(larger.Bundle.Length > 1024, larger.Bundle.Length.ToString());
        Assert.Equal(limited.Header.ToSeq, limited.NextSince);
    }

    [Fact]
    public void Nothing_new_builds_nothing_and_reports_where_the_feed_ended()
    {
        _mesh.WriteReadings(3);
        BundleBuildResult result = _mesh.Builder().Build(3, 2, MeshFixture.Now);

        Assert.Equal(BundleBuildStatus.NothingNew, result.Status);
        Assert.Null(result.Bundle);
        Assert.Equal(3, result.NextSince);
    }

    [Fact]
    public void A_document_larger_than_a_bundle_is_reported_not_skipped()
    {
        _mesh.Database.Put("huge", null, MeshFixture.Body(0, 3000));

        BundleBuildResult result = _mesh.Builder(1024).Build(0, 1, MeshFixture.Now);

        Assert.Equal(BundleBuildStatus.DocumentTooLarge, result.Status);
        Assert.Equal("huge", result.TooLargeDocumentId);
        Assert.Equal(0, result.NextSince);
    }

    [Fact]
    public void A_node_without_a_clock_marks_the_bundle_and_counts_its_age()
    {
        _mesh.WriteReadings(1);
        BundleBuildResult result = _mesh.Builder().Build(0, 1, DtnTime.Unknown);

        Assert.False(result.Header.HasClock);
        Assert.Equal(BundleRejection.None, _mesh.Opener().Open(result.Bundle, MeshFixture.Now, out _));
    }

    [Fact]
    public void Dtn_time_counts_seconds_from_2000()
    {
        Assert.Equal(86_400, DtnTime.FromDateTime(new DateTime(2000, 1, 2, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(DtnTime.Unknown, DtnTime.FromDateTime(new DateTime(1970, 1, 1)));
    }

    public void Dispose() => _mesh.Dispose();
}
