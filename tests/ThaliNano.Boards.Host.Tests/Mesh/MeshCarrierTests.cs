using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Carrier;
using ThaliNano.Carrier.Links;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Source;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Mesh;

/// <summary>The carrier library (tools/ThaliNano.Carrier) picks up bundles from a host-board mesh sensor over mutual TLS.</summary>
public sealed class MeshCarrierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-mesh-carrier-").FullName;
    private readonly HostHub _hub;
    private readonly ClientIdentity _phone;
    private readonly ClientIdentity _stranger;

    public MeshCarrierTests()
    {
        _hub = HostHub.Open(Path.Combine(_folder, "hub-data"));
        _phone = ClientIdentity.Create(Path.Combine(_folder, "clients"), "phone");
        _stranger = ClientIdentity.Create(Path.Combine(_folder, "clients"), "bob");
        _hub.Pair(_phone.CertificatePem, owner: false);
        _hub.Pair(_stranger.CertificatePem, owner: false);
        _hub.Serve(0, mesh: new MeshOptions
        {
            DestinationKeyId = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)),
            SharedSecret = RandomNumberGenerator.GetBytes(32),
            Random = SecureRandom.Instance,
            Source = new SourceOptions { MaxBundleBytes = 4096, MaxOfferBytes = 256 * 1024 },
        });
        _hub.Hub.Couch.SystemWrites.AddToGroup(MeshOptions.CarrierGroup, _phone.Principal);
        var readings = _hub.Hub.Store.CreateDatabase("readings");
        for (int i = 0; i < 100; i++)
        {
            readings.Put("r" + i.ToString("D4"), null, System.Text.Encoding.UTF8.GetBytes("{\"t\":21.5,\"p\":\"" + new string('x', 80) + "\"}"));
        }
    }

    [Fact]
    public void A_phone_in_group_carriers_picks_up_every_bundle_over_https()
    {
        using var carrier = Carrier.Carrier.Open(Path.Combine(_folder, "phone"), _phone.KeyId);

        ContactReport report = Visit(carrier, _phone);

        Assert.True(report.Completed, report.Refusal + " " + report.Reason);
        SourceStatus sensor = _hub.Hub.Mesh!.Node!.Status;
        Assert.True(sensor.PendingBundles >= 3);
        Assert.Equal(sensor.PendingBundles, carrier.Statistics().BundlesHeld);
        Assert.Equal(sensor.PendingBundles * 2, sensor.CopiesOut);
    }

    [Fact]
    public void A_paired_key_outside_group_carriers_is_refused()
    {
        using var carrier = Carrier.Carrier.Open(Path.Combine(_folder, "bob"), _stranger.KeyId);

        ContactReport report = Visit(carrier, _stranger);

        Assert.Equal(ContactRefusal.NotAllowed, report.Refusal);
        Assert.Equal(0, carrier.Statistics().BundlesHeld);
        Assert.Equal(0, _hub.Hub.Mesh!.Node!.Status.PendingBundles);
    }

    public void Dispose()
    {
        _hub.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private ContactReport Visit(Carrier.Carrier carrier, ClientIdentity client)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(client.CertificatePath, client.KeyPath);
        using var link = new HttpsContactLink(HttpKeyUrl.Parse(_hub.CompactUrl), certificate, TimeSpan.FromSeconds(20));
        return carrier.Visit(link, new Peer(_hub.Identity.KeyId, NodeRole.Sensor));
    }
}
