using ThaliNano.Ble;
using ThaliNano.Carrier.Links;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Carrier.Tests;

/// <summary>Contacts over the simulated BLE medium: the peer serves the mesh GATT channel, the phone visits it.</summary>
public sealed class GattContactLinkTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private readonly ManualTime _time = new();
    private readonly SensorFixture _sensor = new(readings: 20);
    private readonly SimulatedBleMedium _medium = new(new VirtualClock(), new BleMediumOptions { ThroughputBytesPerSecond = 40_000 });
    private readonly Carrier _peer;
    private readonly Carrier _phone;
    private readonly SimulatedBleRadio _phoneRadio;

    public GattContactLinkTests()
    {
        _peer = Carrier.Open(_folder.Sub("peer"), SensorFixture.Id(10), new CarrierOptions { Time = _time });
        _phone = Carrier.Open(_folder.Sub("phone"), SensorFixture.Id(11), new CarrierOptions { Time = _time });
        SimulatedBleRadio peerRadio = _medium.AddRadio("peer", 0, 0);
        _ = new GattMessageChannel(peerRadio, new Guid(MeshGatt.ServiceUuid), new Guid(MeshGatt.RequestUuid), new Guid(MeshGatt.ResponseUuid),
            MeshGatt.MaxFrameBytes, new ResponderHandler(_peer));
        peerRadio.Start(new BleAdvertisement(0xFFFF, [1, 2, 3, 4], null, null), null);
        _phoneRadio = _medium.AddRadio("phone", 3, 0);
    }

    public void Dispose()
    {
        _peer.Dispose();
        _phone.Dispose();
        _sensor.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Over_ble_the_phone_asks_for_no_more_than_the_channel_carries_and_gets_the_rest_next_time()
    {
        Hold(30);
        int bundleBytes = _sensor.Bundle(1, _time.Dtn).Length;
        Assert.True(30 * bundleBytes > MeshGatt.MaxFrameBytes);
        var link = new GattContactLink(_phoneRadio.Connect("peer"), s_timeout);

        ContactReport first = _phone.Visit(link, PeerOf(_peer));
        ContactReport second = _phone.Visit(link, PeerOf(_peer));

        Assert.True(first.Completed, first.Reason);
        Assert.True(second.Completed, second.Reason);
        Assert.InRange(first.WireBytesReceived, 1, 2L * MeshGatt.MaxFrameBytes);
        Assert.InRange(first.BundlesReceived, 1, 29);
        Assert.Equal(30, first.BundlesReceived + second.BundlesReceived);
        Assert.Equal(30, _phone.Store.Held().Count);
        Assert.All(_peer.Store.Held(), held => Assert.Equal(2, held.Copies));
    }

    [Fact]
    public void Walking_out_of_range_mid_reply_is_a_cut_the_next_visit_resumes()
    {
        Hold(10);
        var link = new GattContactLink(_phoneRadio.Connect("peer"), s_timeout);
        _medium.Clock.Schedule(TimeSpan.FromMilliseconds(300), () => _phoneRadio.MoveTo(40, 0));

        ContactReport cut = _phone.Visit(link, PeerOf(_peer));

        Assert.Equal(ContactRefusal.Cut, cut.Refusal);
        Assert.Contains("closed before the reply arrived", cut.Reason);
        Assert.Empty(_phone.Store.Held());   // the channel hands over whole messages only

        _phoneRadio.MoveTo(3, 0);
        ContactReport resumed = _phone.Visit(new GattContactLink(_phoneRadio.Connect("peer"), s_timeout), PeerOf(_peer));
        Assert.True(resumed.Completed, resumed.Reason);
        Assert.Equal(10, _phone.Store.Held().Count);
    }

    [Fact]
    public void A_request_larger_than_the_channel_is_a_broken_link_not_a_crash()
    {
        var link = new GattContactLink(_phoneRadio.Connect("peer"), s_timeout);

        Assert.Throws<IOException>(() => link.Exchange(new byte[MessageFragments.MaxDeclaredLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GattContactLink(_phoneRadio.Connect("peer"), s_timeout, ContactLimits.MinFrameBytes - 1));
    }

    private void Hold(int count)
    {
        for (int sequence = 1; sequence <= count; sequence++)
        {
            byte[] wire = _sensor.Bundle(sequence, _time.Dtn);
            Assert.Equal(BundleRejection.None, _peer.Node.Take(wire, SensorFixture.Header(wire), new Peer(_sensor.Source, NodeRole.Sensor)));
        }
    }

    private static Peer PeerOf(Carrier carrier) => new(carrier.Id, NodeRole.Carrier);

    /// <summary>The peripheral's side: each request frame to the contact responder; a refusal as a refusal frame.</summary>
    private sealed class ResponderHandler(Carrier carrier) : IGattMessageHandler
    {
        public void Handle(BleConnection connection, byte[] request, Stream reply)
        {
            ContactReport report = carrier.Respond(new MemoryStream(request), reply, transportPeer: (PublicKeyId?)null);
            if (reply.Length == 0)
            {
                byte[] refusal = ContactResponder.RefusalFrame(report.Refusal, report.Reason);
                reply.Write(refusal, 0, refusal.Length);
            }
        }
    }
}
