using System.Security.Cryptography;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Firmware.Tests.Mesh;

public sealed class MeshEndpointTests : IDisposable
{
    private readonly MeshHub _hub = new();

    [Fact]
    public void A_carrier_picks_up_sealed_bundles_through_the_endpoint_and_the_destination_can_open_them()
    {
        string[] ids = _hub.WriteReadings(10);
        var carrier = new TestCarrier(_hub.Carol);

        ContactReport report = new ContactInitiator(carrier).Run(_hub.Link(_hub.Carol), new Peer(MeshHub.HubKey, NodeRole.Sensor));

        Assert.True(report.Completed, report.Reason);
        Assert.Equal(2, report.RoundTrips);
        byte[] bundle = Assert.Single(carrier.Held).Value;
        var keyring = new SealKeyring();
        keyring.Add(new SealKey(_hub.Secret, MeshHub.HubKey, MeshHub.DestinationKey));
        Assert.Equal(BundleRejection.None, new BundleOpener(keyring, MeshHub.DestinationKey).Open(bundle, _hub.Clock.Now, out OpenedBundle opened));
        Assert.Equal(ids, opened.Payload.Revisions.Select(r => r.Id));
        Assert.Equal(2, _hub.Hub.Mesh.Node!.Status.CopiesOut);
        Assert.Equal(2, _hub.Hub.Mesh.Contacts);
    }

    [Fact]
    public void The_reply_is_streamed_in_the_contact_media_type()
    {
        _hub.WriteReadings(3);

        Response reply = _hub.Send(_hub.Alice, "POST", "/_mesh/contact", Phase1(_hub.Alice));

        reply.AssertStatus(200);
        Assert.Equal(MeshEndpoint.ContentType, reply.Header("Content-Type"));
        Assert.Equal("chunked", reply.Header("Transfer-Encoding"));
        Assert.Equal((byte)'T', reply.Body[0]);
    }

    [Fact]
    public void Only_the_owner_admins_and_carriers_may_contact_the_hub()
    {
        Assert.Equal(200, _hub.Send(_hub.Alice, "POST", "/_mesh/contact", Phase1(_hub.Alice)).Status);
        Assert.Equal(200, _hub.Send(_hub.Carol, "POST", "/_mesh/contact", Phase1(_hub.Carol)).Status);
        Assert.Contains("group:carriers", _hub.Send(_hub.Bob, "POST", "/_mesh/contact", Phase1(_hub.Bob)).AssertError(403, "forbidden"));
        _hub.Send(null, "POST", "/_mesh/contact", Phase1(_hub.Bob)).AssertStatus(401);
        Assert.Equal(0, _hub.Hub.Mesh.Node!.Status.Contacts - 2);
    }

    [Fact]
    public void Requests_outside_the_contact_shape_are_refused_before_the_responder_runs()
    {
        Response get = _hub.Send(_hub.Alice, "GET", "/_mesh/contact", []);
        get.AssertError(405, "method_not_allowed");
        Assert.Equal("POST", get.Header("Allow"));
        _hub.Send(_hub.Alice, "POST", "/_mesh/other", Phase1(_hub.Alice)).AssertError(404, "not_found");
        _hub.Send(_hub.Alice, "POST", "/_mesh/contact", Phase1(_hub.Alice), "application/json").AssertError(415, "unsupported_media_type");
        int limit = _hub.Hub.Mesh.Node!.MaxInboundFrameBytes;
        _hub.Send(_hub.Alice, "POST", "/_mesh/contact", new byte[limit + 1]).AssertError(413, "too_large");
        Assert.Equal(0, _hub.Hub.Mesh.Contacts);
    }

    [Fact]
    public void A_refused_frame_gets_a_JSON_error_and_changes_nothing()
    {
        _hub.WriteReadings(3);

        _hub.Send(_hub.Alice, "POST", "/_mesh/contact", "garbage"u8.ToArray()).AssertError(400, "contact_refused");
        Response wrongPeer = _hub.Send(_hub.Alice, "POST", "/_mesh/contact", Phase1(_hub.Carol));

        Assert.Contains("another node", wrongPeer.AssertError(400, "contact_refused"));
        Assert.Equal("WrongPeer", wrongPeer.Json.GetProperty("refusal").GetString());
        Assert.Equal(2, _hub.Hub.Mesh.Refused);
        Assert.Equal(0, _hub.Hub.Mesh.Node!.Status.PendingBundles);
    }

    [Fact]
    public void The_mesh_state_survives_a_reboot_in_the_registry()
    {
        _hub.WriteReadings(10);
        var carrier = new TestCarrier(_hub.Carol);
        new ContactInitiator(carrier).Run(_hub.Link(_hub.Carol), null);

        _hub.Restart();

        Assert.Equal((1, 2, 1L), (_hub.Hub.Mesh.Node!.Status.PendingBundles, _hub.Hub.Mesh.Node.Status.CopiesOut, _hub.Hub.Mesh.Node.Status.LastCreationSequence));
        Assert.NotNull(new RegistryMeshStateStore(_hub.Registry).Load());
    }

    [Fact]
    public void A_receipt_a_carrier_brings_back_frees_the_readings_on_the_hub()
    {
        string[] ids = _hub.WriteReadings(10);
        var carrier = new TestCarrier(_hub.Carol);
        new ContactInitiator(carrier).Run(_hub.Link(_hub.Carol), null);
        var received = new RangeSet();
        received.Add(1);
        carrier.Receipts.Add(Receipt.Issue(new SealKey(_hub.Secret, MeshHub.HubKey, MeshHub.DestinationKey), received, _hub.Clock.Now));

        Assert.True(new ContactInitiator(carrier).Run(_hub.Link(_hub.Carol), null).Completed);

        Assert.All(ids, id => Assert.Null(_hub.Readings.Get(id)));
        Assert.Equal(0, _hub.Hub.Mesh.Node!.Status.PendingBundles);
    }

    [Fact]
    public void A_corrupt_state_record_leaves_the_mesh_unavailable_and_the_hub_serving()
    {
        _hub.WriteReadings(3);
        new ContactInitiator(new TestCarrier(_hub.Carol)).Run(_hub.Link(_hub.Carol), null);
        byte[] state = new RegistryMeshStateStore(_hub.Registry).Load()!;
        state[^1] ^= 1;
        new RegistryMeshStateStore(_hub.Registry).Save(state);

        _hub.Restart();

        Assert.Null(_hub.Hub.Mesh.Node);
        Assert.Contains("checksum", _hub.Send(_hub.Alice, "POST", "/_mesh/contact", Phase1(_hub.Alice)).AssertError(503, "mesh_unavailable"));
        Assert.Equal(200, _hub.Send(_hub.Alice, "GET", "/", []).Status);
    }

    [Fact]
    public void Frequent_state_saves_keep_the_registry_within_its_quota()
    {
        var store = new RegistryMeshStateStore(_hub.Registry);
        byte[] state = RandomNumberGenerator.GetBytes(2000);
        for (int i = 0; i < 200; i++)
        {
            state[0] = (byte)i;
            store.Save(state);
        }

        Assert.True(store.Compactions > 0);
        Assert.Equal(state, store.Load());
    }

    public void Dispose() => _hub.Dispose();

    /// <summary>A phase-1 request naming <paramref name="key"/>, as a carrier sends it first.</summary>
    private static byte[] Phase1(PublicKeyId key)
    {
        var capture = new CaptureLink();
        new ContactInitiator(new TestCarrier(key)).Run(capture, null);
        return capture.First!;
    }

    private sealed class CaptureLink : IContactLink
    {
        public byte[]? First { get; private set; }

        public Stream Exchange(byte[] request)
        {
            First ??= request;
            throw new IOException("captured");
        }
    }
}
