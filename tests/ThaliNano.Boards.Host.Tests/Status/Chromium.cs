using Microsoft.Playwright;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Status;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by tools/prerequisites.sh), headless, driven by Playwright's
/// driver from its NuGet package: nothing is downloaded. One browser for a test class; each test opens contexts with the
/// client certificate of the principal it plays (Playwright presents it in the TLS handshake for that origin).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), ExecutablePath + " is missing: run tools/prerequisites.sh (apt-get install chromium)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser != null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile presenting the client's certificate to <paramref name="origin"/> (https://127.0.0.1:port).</summary>
    internal Task<IBrowserContext> ContextAsync(string origin, ClientIdentity client) => _browser!.NewContextAsync(new()
    {
        // The hub's certificate is self-signed: clients pin its key (the httpkey URL), a browser has no way to; the page
        // itself shows the key id to compare.
        IgnoreHTTPSErrors = true,
        ViewportSize = new() { Width = Screenshots.Width, Height = 900 },
        ClientCertificates = [new() { Origin = origin, CertPath = client.CertificatePath, KeyPath = client.KeyPath }],
    });
}
