using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using ThaliNano.Boards.Host.Tests.Interop;
using ThaliNano.Store;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Status;

/// <summary>
/// The status page in a real browser: headless Chromium against a host-board hub on 127.0.0.1 over mutual TLS, each
/// principal presenting its own client certificate. The owner reads the facts and compacts a database with the page's
/// form; a paired reader sees no actions and its forged form post is refused; an unpaired certificate gets no page.
/// Screenshots go to the test output's screenshots/ folder and are checked as images.
/// </summary>
public sealed partial class StatusPageBrowserTests(Chromium chromium) : IClassFixture<Chromium>, IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task The_owner_reads_the_facts_and_compacts_a_database_with_the_pages_form()
    {
        long before = SeedDatabaseWithHistory();
        await using IBrowserContext context = await chromium.ContextAsync(_hub.Board.HttpsUrl, _hub.Owner);
        IPage page = await context.NewPageAsync();

        IResponse? response = await page.GotoAsync(_hub.Board.HttpsUrl + "/_status");

        Assert.Equal(200, response!.Status);
        Assert.Equal(_hub.Board.Identity.KeyId.ToBase64Url(), await page.Locator("#key").InnerTextAsync());
        Assert.Contains(_hub.Url, await page.Locator("#identity").InnerTextAsync());
        Assert.Matches(@"^\d+:\d\d:\d\d$", await page.Locator("#uptime").InnerTextAsync());
        Assert.Contains("(.NET GC)", await page.Locator("#memory").InnerTextAsync());
        Assert.Equal("mesh: off", await page.Locator("#mesh p").InnerTextAsync());
        Assert.Contains("(owner)", await page.Locator("#you").InnerTextAsync());
        ILocator demo = page.Locator("#databases tr", new() { HasText = "demo" });
        Assert.Equal("1", await demo.Locator("td").Nth(1).InnerTextAsync());
        Assert.Contains("owner (you)", await page.Locator("#principals").InnerTextAsync());
        using SKBitmap shot = await Screenshots.TakeAsync(page, "owner-status", 700);
        Assert.Equal(_hub.Url, Screenshots.ReadQr(shot));

        await demo.GetByRole(AriaRole.Button, new() { Name = "Compact" }).ClickAsync();
        await page.WaitForURLAsync(_hub.Board.HttpsUrl + "/_status");

        Match done = LastAction().Match(await page.Locator("#last-action").InnerTextAsync());
        Assert.True(done.Success, "no last action on the page");
        Assert.Equal(before, long.Parse(done.Groups[1].Value));
        long after = long.Parse(done.Groups[2].Value);
        Assert.True(after < before, $"compaction left {after} of {before} bytes");
        Assert.Equal(after, Demo().GetInfo().SizeOnFlash);
        Assert.Contains(_hub.Log.Entries, e => e.Method == "POST" && e.Target == "/_status/compact?db=demo" && e.Status == 303);
        (await Screenshots.TakeAsync(page, "owner-after-compact", 700)).Dispose();
    }

    [Fact]
    public async Task A_paired_reader_sees_no_actions_and_its_forged_form_post_is_refused()
    {
        long before = SeedDatabaseWithHistory();
        ClientIdentity reader = _hub.Pair("reader");
        await using IBrowserContext context = await chromium.ContextAsync(_hub.Board.HttpsUrl, reader);
        IPage page = await context.NewPageAsync();

        Assert.Equal(200, (await page.GotoAsync(_hub.Board.HttpsUrl + "/_status"))!.Status);
        Assert.Contains("(paired)", await page.Locator("#you").InnerTextAsync());
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Assert.Equal(0, await page.Locator("#databases, #principals, #errors").CountAsync());
        (await Screenshots.TakeAsync(page, "reader-status", 500)).Dispose();

        // What a reader's browser could still do: post the form itself, on the hub's own origin, with a made-up token.
        Task<IResponse> answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/_status/compact?db=demo", StringComparison.Ordinal));
        await page.EvaluateAsync("""
            () => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = '/_status/compact?db=demo';
              const token = document.createElement('input');
              token.name = 'token';
              token.value = 'AAAAAAAAAAAAAAAAAAAAAA';
              form.appendChild(token);
              document.body.appendChild(form);
              form.submit();
            }
            """);
        IResponse refused = await answer;

        Assert.Equal(403, refused.Status);
        using JsonDocument body = JsonDocument.Parse(await refused.TextAsync());
        Assert.Equal("forbidden", body.RootElement.GetProperty("error").GetString());
        Assert.Contains("only the hub's owner and the admins", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal(before, Demo().GetInfo().SizeOnFlash);
        await page.WaitForLoadStateAsync();
        Assert.Contains("forbidden", await page.Locator("body").InnerTextAsync());
    }

    [Fact]
    public async Task An_unpaired_certificate_gets_no_page()
    {
        ClientIdentity stranger = _hub.Stranger("stranger");
        await using IBrowserContext context = await chromium.ContextAsync(_hub.Board.HttpsUrl, stranger);
        IPage page = await context.NewPageAsync();

        await Assert.ThrowsAsync<PlaywrightException>(() => page.GotoAsync(_hub.Board.HttpsUrl + "/_status"));
        Assert.DoesNotContain(_hub.Log.Entries, e => e.Target.StartsWith("/_status", StringComparison.Ordinal));
    }

    // "demo": one document written 20 times; returns its size on flash.
    private long SeedDatabaseWithHistory()
    {
        Database db = _hub.Board.Hub.Store.CreateDatabase("demo");
        string? rev = null;
        for (int t = 0; t < 20; t++)
        {
            rev = db.Put("reading", rev, Encoding.UTF8.GetBytes("{\"t\":" + t + "}"));
        }

        _hub.Board.Hub.Couch.StoreChanged();
        return db.GetInfo().SizeOnFlash;
    }

    private Database Demo() => _hub.Board.Hub.Store.OpenDatabase("demo");

    [GeneratedRegex(@"compacted demo: (\d+) to (\d+) bytes")]
    private static partial Regex LastAction();
}
