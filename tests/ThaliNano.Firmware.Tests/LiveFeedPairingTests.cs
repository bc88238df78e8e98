
namespace ThaliNano.Firmware.Tests;

/// <summary>
/// The hub hands its pairing registry to Couch as the principal directory, so unpairing a reader through the running
/// hub's /_pairing ends the reader's open _changes feed before the next row.
/// </summary>
public sealed class LiveFeedPairingTests : IDisposable
{
    private readonly AuthHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void UnpairingAReaderEndsItsOpenFeed()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/d").AssertStatus(201);
        string acl = "{\"read\":[\"" + _hub.Bob.Key.ToBase64Url() + "\"],\"write\":[]}";
        _hub.SendSigned(_hub.Alice, null, "PUT", "/_thali/acl:d", acl).AssertStatus(201);
        _hub.SendSigned(_hub.Alice, null, "PUT", "/d/before", "{}").AssertStatus(201);
        ClientConnection feed = _hub.StartSigned(_hub.Bob, "GET", "/d/_changes?feed=continuous&include_docs=true&since=0&timeout=30000");
        Assert.True(feed.WaitFor("\"id\":\"before\"", TimeSpan.FromSeconds(5)));

        _hub.SendSigned(_hub.Alice, null, "DELETE", "/_pairing/" + _hub.Bob.Key.ToBase64Url()).AssertStatus(200);
        _hub.SendSigned(_hub.Alice, null, "PUT", "/d/after", "{\"secret\":2}").AssertStatus(201);

        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)), "the unpaired reader's feed stayed open");
        Response response = Response.Parse(feed.Written);
        response.AssertStatus(200);
        Assert.DoesNotContain("secret", response.Text);
    }
}
