using ThaliNano.Ble;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Http;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests.Mesh;

/// <summary>The mesh contact over GATT on the simulated medium: the same frames as over HTTPS, no transport key.</summary>
public sealed class MeshChannelTests : IDisposable
{
    private readonly MeshHub _hub = new();
    private readonly SimulatedBleMedium _medium = new(new VirtualClock());
    private readonly SimulatedBleRadio _sensor;

    public MeshChannelTests()
    {
        _sensor = _medium.AddRadio("sensor", 0, 0);
        _ = new MeshChannel(_sensor, _hub.Hub.Mesh, null);
        _sensor.Start(new BleAdvertisement(0xFFFF, [1, 2, 3], null, null), null);
    }

    [Fact]
    public void A_phone_picks_up_bundles_over_GATT_within_the_offer_budget()
    {
        _hub.Source.MaxOfferBytes = 4096;
        _hub.WriteReadings(60);
        var phone = new TestCarrier(_hub.Carol);

        ContactReport report = new ContactInitiator(phone).Run(Link(), new Peer(MeshHub.HubKey, NodeRole.Sensor));

        Assert.True(report.Completed, report.Reason);
        Assert.InRange(phone.Held.Count, 1, 2);
        Assert.Equal(phone.Held.Count * 2, _hub.Hub.Mesh.Node!.Status.CopiesOut);
        Assert.True(report.WireBytesReceived <= 4096 + 512, report.WireBytesReceived.ToString());
    }

    [Fact]
    public void A_contact_waits_for_a_request_turn_and_gives_it_back()
    {
        var turns = new RequestTurns(1);
        var channel = new MeshChannel(_medium.AddRadio("turned", 5, 0), _hub.Hub.Mesh, turns);
        turns.Take();

        var reply = new MemoryStream();
        using var answered = new ManualResetEventSlim();
        new Thread(() =>
        {
            channel.Handle(null!, "garbage"u8.ToArray(), reply);
            answered.Set();
        }).Start();
        Assert.False(answered.Wait(300), "the contact ran while a request held the only turn");
        turns.Give();

        Assert.True(answered.Wait(5000), "the contact did not run once the turn was free");
        Assert.Equal(ContactResponder.RefusalFrame(ContactRefusal.Malformed, _hub.Hub.Mesh.LastReport!.Reason), reply.ToArray());
        Assert.Equal(0, turns.Taken);
    }

    [Fact]
    public void A_refused_request_is_answered_with_a_refusal_frame()
    {
        var gatt = new GattMessageClient(_medium.AddRadio("phone", 1, 0).Connect("sensor"), new Guid(MeshGatt.ServiceUuid),
            new Guid(MeshGatt.RequestUuid), new Guid(MeshGatt.ResponseUuid), MessageFragments.MaxMessageSize, TimeSpan.FromSeconds(5));

        byte[] reply = gatt.Exchange("garbage"u8.ToArray());

        Assert.Equal(ContactResponder.RefusalFrame(ContactRefusal.Malformed, _hub.Hub.Mesh.LastReport!.Reason), reply);
        Assert.Equal(1, _hub.Hub.Mesh.Refused);
    }

    [Fact]
    public void Beacon_hints_show_bundles_waiting_and_storage_pressure()
    {
        Assert.Equal(0, MeshBeaconHints.For(_hub.Hub.Mesh, _hub.Hub.Store, new StoreOptions(), false, 0).BundlesWaiting);
        _hub.WriteReadings(3);
        Assert.Equal(1, MeshBeaconHints.For(_hub.Hub.Mesh, _hub.Hub.Store, new StoreOptions(), true, 2).BundlesWaiting);

        var device = new StoreOptions { MaxStoreBytes = 128 * 1024, CompactionReserveBytes = 32 * 1024 };
        Assert.Equal(0, MeshBeaconHints.Pressure(10_000, device));
        Assert.Equal(1, MeshBeaconHints.Pressure(50_000, device));
        Assert.Equal(2, MeshBeaconHints.Pressure(87_000, device));
        Assert.Equal(3, MeshBeaconHints.Pressure(96 * 1024 - 100, device));
        Assert.Equal(0, MeshBeaconHints.Pressure(1L << 40, new StoreOptions()));
    }

    public void Dispose() => _hub.Dispose();

    private GattLink Link() => new(new GattMessageClient(_medium.AddRadio("phone", 1, 0).Connect("sensor"), new Guid(MeshGatt.ServiceUuid),
        new Guid(MeshGatt.RequestUuid), new Guid(MeshGatt.ResponseUuid), MessageFragments.MaxMessageSize, TimeSpan.FromSeconds(5)));

    private sealed class GattLink(GattMessageClient client) : IContactLink
    {
        public Stream Exchange(byte[] request) => new MemoryStream(client.Exchange(request));
    }
}
