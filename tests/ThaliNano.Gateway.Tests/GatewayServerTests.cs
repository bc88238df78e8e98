using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Server;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Gateway.Tests;

/// <summary>Carriers with real client certificates contacting the gateway's HTTPS endpoint on 127.0.0.1.</summary>
public sealed class GatewayServerTests : IDisposable
{
    private readonly GatewayFixture _gateway = new();
    private readonly ClientIdentity _carrierIdentity;
    private readonly X509Certificate2 _carrierCertificate;
    private readonly CarrierAllowList _allowList;
    private readonly List<IDisposable> _disposables = [];
    private readonly List<ContactReport> _finished = [];
    private readonly List<Exception> _failed = [];

    public GatewayServerTests()
    {
        _carrierIdentity = ClientIdentity.Create(Path.Combine(_gateway.Folder, "identities"), "carrier-a");
        _carrierCertificate = Certificate(_carrierIdentity);
        string allowed = Directory.CreateDirectory(Path.Combine(_gateway.Folder, "carriers")).FullName;
        _allowList = new CarrierAllowList(allowed);
        _allowList.Add("carrier-a", _carrierIdentity.KeyId);
    }

    public void Dispose()
    {
        foreach (IDisposable disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }

        _carrierCertificate.Dispose();
        _gateway.Dispose();
    }

    [Fact]
    public void A_carrier_on_the_allow_list_delivers_over_https_and_carries_a_verifiable_receipt_back()
    {
        var pouch = Own(new PouchDbServer());
        GatewayServer server = Serve(CouchDestination.FromUrl(pouch.Url));
        var scenario = new ReadingsScenario(_gateway.Sensor);
        var carrier = new TestCarrier(_carrierIdentity.KeyId);
        carrier.Held.AddRange(_gateway.Sensor.Pack(maxBundleBytes: 1024));
        HttpsContactLink link = Own(new HttpsContactLink(server.ContactUrl, _carrierCertificate, _gateway.Id));

        ContactReport report = new ContactInitiator(carrier).Run(link, new Peer(_gateway.Id, NodeRole.Destination));

        Assert.True(report.Completed, report.Refusal + " " + report.Reason);
        Assert.Equal(2, report.RoundTrips);
        Assert.Equal(carrier.Held.Count, report.BundlesSent);
        Assert.Equal(carrier.Held.Count, carrier.Acks.Count);
        Assert.Equal(ReceiptRejection.None, Receipt.Verify(carrier.Receipts[^1], _gateway.Sensor.Key, out Receipt receipt));
        Assert.Equal($"[1-{carrier.Held.Count}]", receipt.Bundles.ToString());
        Assert.Equal(2, _finished.Count);
        Assert.All(_finished, answered => Assert.True(answered.Completed));
        Assert.Equal(carrier.Held.Count, _finished[1].BundlesReceived);
        using (var reader = new CouchReader(CouchDestination.FromUrl(pouch.Url)))
        {
            scenario.AssertArrived(reader, "readings");
        }

        ContactReport again = new ContactInitiator(carrier).Run(link, new Peer(_gateway.Id, NodeRole.Destination));
        Assert.True(again.Completed);
        Assert.Equal(0, again.BundlesSent);
    }

    [Fact]
    public void Carriers_off_the_allow_list_are_refused_with_403_unless_the_gateway_is_open()
    {
        ClientIdentity stranger = ClientIdentity.Create(Path.Combine(_gateway.Folder, "identities"), "stranger");
        using X509Certificate2 certificate = Certificate(stranger);
        _gateway.Sensor.Put("x", null, "{\"n\":1}");
        var carrier = new TestCarrier(stranger.KeyId);
        carrier.Held.AddRange(_gateway.Sensor.Pack());
        var couch = Own(new FakeCouch(_ => (201, "[]")));

        GatewayServer closed = Serve(CouchDestination.FromUrl(couch.Url));
        HttpsContactLink link = Own(new HttpsContactLink(closed.ContactUrl, certificate, _gateway.Id));
        ContactReport refused = new ContactInitiator(carrier).Run(link, null);
        Assert.Equal(ContactRefusal.NotAllowed, refused.Refusal);
        Assert.Equal(403, link.LastError.Status);
        Assert.Equal("not_allowed", link.LastError.Body!["error"]!.GetValue<string>());
        Assert.Contains(stranger.KeyId.ToBase64Url(), link.LastError.Body!["reason"]!.GetValue<string>());
        Assert.Empty(couch.Batches);

        GatewayServer open = Serve(CouchDestination.FromUrl(couch.Url), allowAny: true);
        HttpsContactLink openLink = Own(new HttpsContactLink(open.ContactUrl, certificate, _gateway.Id));
        Assert.True(new ContactInitiator(carrier).Run(openLink, null).Completed);
        Assert.Single(couch.Batches);
    }

    [Fact]
    public void A_client_without_a_certificate_does_not_get_past_tls()
    {
        GatewayServer server = Serve(CouchDestination.FromUrl(Own(new FakeCouch(_ => (201, "[]"))).Url));
        HttpsContactLink link = Own(new HttpsContactLink(server.ContactUrl, null, _gateway.Id));

        Assert.ThrowsAny<HttpRequestException>(() => link.Post([1, 2, 3], GatewayServer.ContactMediaType));
    }

    [Fact]
    public void Bad_requests_get_a_status_and_a_json_error()
    {
        GatewayServer server = Serve(CouchDestination.FromUrl(Own(new FakeCouch(_ => (201, "[]"))).Url), maxFrame: ContactLimits.MinFrameBytes);
        HttpsContactLink link = Own(new HttpsContactLink(server.ContactUrl, _carrierCertificate, _gateway.Id));

        AssertError(link.Post("XY\u0001junk"u8.ToArray(), GatewayServer.ContactMediaType), 400, "malformed");
        AssertError(link.Post("TC\u0001"u8.ToArray(), GatewayServer.ContactMediaType), 400, "cut");
        AssertError(link.Post("hello"u8.ToArray(), "application/octet-stream"), 415, "unsupported_media_type");
        AssertError(link.Post("XY\u0001junk"u8.ToArray(), GatewayServer.ContactMediaType.ToUpperInvariant() + "; x=1"), 400, "malformed");
        AssertError(link.Post(new byte[ContactLimits.MinFrameBytes + 1], GatewayServer.ContactMediaType), 413, "too_large");
        AssertError(link.Post([], GatewayServer.ContactMediaType, HttpMethod.Put), 405, "method_not_allowed");
        AssertError(link.Post([], GatewayServer.ContactMediaType, path: "/_mesh/other"), 404, "not_found");

        // A hello naming another node than the certificate's.
        ContactReport impostor = new ContactInitiator(new TestCarrier(GatewayFixture.CarrierId)).Run(link, null);
        Assert.Equal(ContactRefusal.WrongPeer, impostor.Refusal);
        Assert.Equal(403, link.LastError.Status);
    }

    [Fact]
    public void A_destination_that_cannot_write_answers_503_and_the_carrier_gets_no_ack_or_receipt()
    {
        GatewayServer server = Serve(CouchDestination.FromUrl(Own(new FakeCouch(_ => (500, "{\"error\":\"disk\"}"))).Url));
        _gateway.Sensor.Put("x", null, "{\"n\":1}");
        var carrier = new TestCarrier(_carrierIdentity.KeyId);
        carrier.Held.AddRange(_gateway.Sensor.Pack());
        HttpsContactLink link = Own(new HttpsContactLink(server.ContactUrl, _carrierCertificate, _gateway.Id));

        ContactReport report = new ContactInitiator(carrier).Run(link, new Peer(_gateway.Id, NodeRole.Destination));

        Assert.False(report.Completed);
        Assert.Equal(503, link.LastError.Status);
        Assert.Equal("destination_unavailable", link.LastError.Body!["error"]!.GetValue<string>());
        Assert.Empty(carrier.Acks);
        Assert.Empty(carrier.Receipts);
        Assert.Equal(0, _gateway.Ledger.Count);
        Assert.IsType<CouchWriteException>(Assert.Single(_failed));
    }

    private GatewayServer Serve(CouchDestination destination, bool allowAny = false, int maxFrame = GatewayNode.DefaultMaxInboundFrameBytes)
    {
        _gateway.Start(destination, maxInboundFrameBytes: maxFrame);
        return Own(GatewayServer.Start(_gateway.Node, new GatewayServerOptions
        {
            Certificate = _gateway.Identity.Certificate,
            Carriers = _allowList,
            AllowAnyCarrier = allowAny,
            ContactFinished = (_, report) => _finished.Add(report),
            ContactFailed = (_, e) => _failed.Add(e),
        }));
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private static X509Certificate2 Certificate(ClientIdentity identity) =>
        HubIdentity.LoadWithKey(File.ReadAllText(identity.CertificatePath), File.ReadAllText(identity.KeyPath));

    private static void AssertError(HttpResponseMessage response, int status, string error)
    {
        using (response)
        {
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            JsonNode body = JsonNode.Parse(response.Content.ReadAsStream())!;
            Assert.Equal(error, body["error"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["reason"]!.GetValue<string>()));
        }
    }
}
