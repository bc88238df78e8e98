using System.Text;
using ThaliNano.Carrier.Links;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Carrier.Tests;

/// <summary>Two RSA identities (slow to make), shared by the HTTPS tests.</summary>
public sealed class TlsIdentities : IDisposable
{
    private readonly TempFolder _folder = new();

    public TlsIdentities()
    {
        Server = HubIdentity.LoadOrCreate(_folder.Sub("server"));
        Client = HubIdentity.LoadOrCreate(_folder.Sub("client"));
    }

    public HubIdentity Server { get; }

    public HubIdentity Client { get; }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
        _folder.Dispose();
    }
}

public sealed class HttpsContactLinkTests(TlsIdentities identities) : IClassFixture<TlsIdentities>, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private readonly ManualTime _time = new();
    private readonly SensorFixture _sensor = new();

    public void Dispose()
    {
        _sensor.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_carrier_visits_another_over_https_with_its_client_certificate_and_the_pinned_key()
    {
        using Carrier peer = Carrier.Open(_folder.Sub("peer"), identities.Server.KeyId, new CarrierOptions { Time = _time });
        using Carrier phone = Carrier.Open(_folder.Sub("phone"), identities.Client.KeyId, new CarrierOptions { Time = _time });
        for (int sequence = 1; sequence <= 3; sequence++)
        {
            byte[] wire = _sensor.Bundle(sequence, _time.Dtn);
            peer.Node.Take(wire, SensorFixture.Header(wire), new Peer(_sensor.Source, NodeRole.Sensor));
        }

        var clients = new List<PublicKeyId>();
        using var server = new TestHttpsServer(identities.Server.Certificate, (client, contentType, body) =>
        {
            clients.Add(client);
            Assert.Equal(HttpsContactLink.MediaType, contentType);
            var reply = new MemoryStream();
            ContactReport report = peer.Respond(new MemoryStream(body), reply, client);
            return reply.Length == 0
                ? new TestReply(400, "application/json", Encoding.UTF8.GetBytes("{\"error\":\"" + report.Refusal + "\",\"reason\":\"" + report.Reason + "\"}"))
                : new TestReply(200, HttpsContactLink.MediaType, reply.ToArray());
        });
        using var link = new HttpsContactLink(Url(server, identities.Server.KeyId), identities.Client.Certificate, s_timeout);

        ContactReport visit = phone.Visit(link, new Peer(peer.Id, NodeRole.Carrier));

        Assert.True(visit.Completed, visit.Reason);
        Assert.Equal(3, visit.BundlesReceived);
        Assert.Equal([identities.Client.KeyId, identities.Client.KeyId], clients);
        Assert.Equal(HttpsContactLink.ContactPath, server.LastPath);
        Assert.All(peer.Store.Held(), held => Assert.Equal(2, held.Copies));
    }

    [Fact]
    public void A_peer_without_the_pinned_key_is_a_broken_link()
    {
        using var server = new TestHttpsServer(identities.Server.Certificate, (_, _, _) => new TestReply(200, HttpsContactLink.MediaType, [1]));
        using var link = new HttpsContactLink(Url(server, identities.Client.KeyId), identities.Client.Certificate, s_timeout);

        var error = Assert.Throws<IOException>(() => link.Exchange([1, 2, 3]));

        Assert.Contains("no contact with 127.0.0.1:" + server.Port, error.Message);
        Assert.Null(server.LastPath);
    }

    [Fact]
    public void The_reply_is_handed_over_as_it_streams_in()
    {
        byte[] body = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var server = new TestHttpsServer(identities.Server.Certificate, (_, _, _) => new TestReply(200, HttpsContactLink.MediaType, body, PauseAfterBytes: 100));
        using var link = new HttpsContactLink(Url(server, identities.Server.KeyId), identities.Client.Certificate, s_timeout);

        using Stream reply = link.Exchange([1]);
        byte[] first = new byte[100];
        reply.ReadExactly(first);
        server.Release();
        var rest = new MemoryStream();
        reply.CopyTo(rest);

        Assert.Equal(body, first.Concat(rest.ToArray()).ToArray());
        Assert.True(server.PauseReleased);
    }

    [Fact]
    public void A_reply_that_stalls_past_the_timeout_is_a_broken_link()
    {
        using var server = new TestHttpsServer(identities.Server.Certificate, (_, _, _) => new TestReply(200, HttpsContactLink.MediaType, new byte[100], PauseAfterBytes: 10));
        // The timeout also covers connecting and the TLS handshake, which take over a second on a loaded machine.
        using var link = new HttpsContactLink(Url(server, identities.Server.KeyId), identities.Client.Certificate, TimeSpan.FromSeconds(4));

        using Stream reply = link.Exchange([1]);
        reply.ReadExactly(new byte[10]);
        var error = Assert.Throws<IOException>(() => reply.ReadExactly(new byte[10]));

        Assert.Contains("stalled", error.Message);
        server.Release();
    }

    [Theory]
    [InlineData(400, "{\"error\":\"WrongPeer\",\"reason\":\"the hello names another node\"}", ContactRefusal.WrongPeer, "the hello names another node")]
    [InlineData(413, "{\"error\":\"too_large\"}", ContactRefusal.TooLarge, "refused the contact with 413")]
    [InlineData(403, "not json", ContactRefusal.NotAllowed, "refused the contact with 403")]
    [InlineData(500, "", ContactRefusal.Malformed, "refused the contact with 500")]
    public void A_refused_request_is_a_refusal_naming_why(int status, string json, ContactRefusal refusal, string reason)
    {
        using var server = new TestHttpsServer(identities.Server.Certificate, (_, _, _) => new TestReply(status, "application/json", Encoding.UTF8.GetBytes(json)));
        using var link = new HttpsContactLink(Url(server, identities.Server.KeyId), identities.Client.Certificate, s_timeout);

        var error = Assert.Throws<ContactRefusedException>(() => link.Exchange([1]));

        Assert.Equal(refusal, error.Refusal);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_reply_of_another_content_type_is_a_broken_link()
    {
        using var server = new TestHttpsServer(identities.Server.Certificate, (_, _, _) => new TestReply(200, "text/html", [1]));
        using var link = new HttpsContactLink(Url(server, identities.Server.KeyId), identities.Client.Certificate, s_timeout);

        var error = Assert.Throws<IOException>(() => link.Exchange([1]));

        Assert.Contains("text/html", error.Message);
    }

    private static HttpKeyUrl Url(TestHttpsServer server, PublicKeyId key) => HttpKeyUrl.Create("127.0.0.1", server.Port, key, "/");
}
