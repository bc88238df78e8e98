using System.Text.Json;
using ThaliNano.Boards.Host;
using ThaliNano.Drivers.Host.Tls;

namespace ThaliNano.Cli.Tests;

/// <summary><c>thalinano hub</c> (the host board's own command line) and <c>thalinano status</c> against a serving hub.</summary>
public sealed class HubStatusCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thalinano-hub-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Hub_passes_the_boards_options_through()
    {
        string data = Path.Combine(_folder, "hub");
        using HubIdentity owner = HubIdentity.LoadOrCreate(Path.Combine(_folder, "owner"));
        string certificate = Path.Combine(owner.Folder, HubIdentity.CertificateFileName);

        Assert.Equal(0, CliRun.Of("hub", "--", "--data", data, "--owner", certificate, "--secret-out", Path.Combine(_folder, "s"), "--no-serve").ExitCode);
        Assert.Equal(2, CliRun.Of("hub", "--", "--bogus").ExitCode);
        using HostHub hub = HostHub.Open(data);
        Assert.Equal(owner.KeyId, hub.Registry.Owner);
    }

    [Fact]
    public void Status_shows_what_the_hub_serves_to_a_paired_client_and_refuses_without_pairing()
    {
        using HubIdentity client = HubIdentity.LoadOrCreate(Path.Combine(_folder, "client"));
        using HubIdentity stranger = HubIdentity.LoadOrCreate(Path.Combine(_folder, "stranger"));
        using HostHub hub = HostHub.Open(Path.Combine(_folder, "hub"));
        hub.Pair(client.CertificatePem, owner: true);
        hub.Serve(0);
        string[] Args(HubIdentity who, params string[] more) =>
            ["status", "--url", hub.CompactUrl, "--cert", Path.Combine(who.Folder, HubIdentity.CertificateFileName),
             "--key", Path.Combine(who.Folder, HubIdentity.KeyFileName), .. more];

        using JsonDocument status = JsonDocument.Parse(CliRun.Of(Args(client, "--json")).Ok().Output);
        CliRun table = CliRun.Of(Args(client)).Ok();
        CliRun refused = CliRun.Of(Args(stranger));

        string keyId = hub.Identity.KeyId.ToBase64Url();
        Assert.Contains(keyId, status.RootElement.GetProperty("hub").ToString());
        Assert.Contains(keyId, table.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: ", refused.Error);
    }
}
