using ThaliNano.Firmware.Status;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>The ring of recent errors: what it keeps, its bound, its order, and what the status page shows of it.</summary>
public sealed class RecentErrorsTests
{
    private readonly VirtualClock _clock = new();

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(507, true)]
    [InlineData(400, true)]
    [InlineData(403, true)]
    [InlineData(405, true)]
    [InlineData(413, true)]
    [InlineData(200, false)]
    [InlineData(303, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void Keeps_server_faults_and_refusals_but_not_routine_replies(int status, bool kept)
    {
        var errors = new RecentErrors(4, _clock, null);

        errors.Request("GET", "/x", null, status);

        Assert.Equal(kept ? 1 : 0, errors.Newest().Length);
        Assert.Equal(kept, RecentErrors.IsKept(status));
    }

    [Fact]
    public void Keeps_the_newest_up_to_its_capacity_newest_first_and_passes_every_request_on()
    {
        var next = new CountingLog();
        var errors = new RecentErrors(3, _clock, next);

        for (int i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            errors.Request("PUT", "/db/" + i, "key" + i, 403);
            errors.Request("GET", "/", null, 200);
        }

        RecentError[] newest = errors.Newest();
        Assert.Equal(["/db/4", "/db/3", "/db/2"], newest.Select(e => e.Target));
        Assert.Equal("key4", newest[0].Principal);
        Assert.Equal(_clock.Milliseconds, newest[0].AtMilliseconds);
        Assert.Equal(10, next.Count);
    }

    [Fact]
    public void Cuts_long_targets()
    {
        var errors = new RecentErrors(1, _clock, null);

        errors.Request("GET", "/" + new string('a', 500), null, 400);

        Assert.Equal(RecentErrors.MaxTargetLength + 3, errors.Newest()[0].Target.Length);
        Assert.EndsWith("...", errors.Newest()[0].Target);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Refuses_a_capacity_out_of_range(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentErrors(capacity, _clock, null));

    [Fact]
    public void The_hub_feeds_the_page_with_its_refusals_and_the_boards_log_still_hears_everything()
    {
        var boardLog = new CountingLog();
        using var hub = new AuthHub(configure: c =>
        {
            c.Status.Clock = _clock;
            c.RequestLog = boardLog;
        });
        hub.SendSigned(hub.Alice, null, "PUT", "/field").AssertStatus(201);
        _clock.Advance(TimeSpan.FromSeconds(65));
        hub.SendSigned(hub.Bob, null, "PUT", "/field/x", "{}").AssertStatus(403);
        hub.SendSigned(hub.Bob, null, "GET", "/field/missing").AssertStatus(403);
        hub.SendSigned(hub.Alice, null, "GET", "/field/missing").AssertStatus(404);

        var errors = hub.Send(hub.Alice.Key, "GET", "/_status?format=json", null).Json.GetProperty("recent_errors").EnumerateArray().ToArray();

        Assert.Equal(["/field/missing", "/field/x"], errors.Select(e => e.GetProperty("target").GetString()));
        Assert.Equal(403, errors[1].GetProperty("status").GetInt32());
        Assert.Equal("PUT", errors[1].GetProperty("method").GetString());
        Assert.Equal(hub.Bob.Key.ToBase64Url(), errors[1].GetProperty("principal").GetString());
        Assert.Equal(65, errors[1].GetProperty("after_seconds").GetInt64());
        Assert.Equal(5, boardLog.Count);
        string html = hub.Send(hub.Alice.Key, "GET", "/_status", null).Text;
        Assert.Contains("<td>0:01:05</td><td class=\"n\">403</td><td><code>PUT /field/x</code></td>", html);
    }

    private sealed class CountingLog : IHubRequestLog
    {
        private int _count;

        public int Count => _count;

        public void Request(string method, string target, string? principal, int status) => Interlocked.Increment(ref _count);
    }
}
