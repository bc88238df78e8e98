using CsCheck;
using ThaliNano.Client.FieldPairing;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Client.Tests.FieldPairing;

/// <summary>Improv Wi-Fi provisioning on the same connection as field pairing, client against service.</summary>
public class ImprovEndToEndTests
{
    private const long AuthorizationMilliseconds = 60_000;

    private readonly FieldDevice _device = new();
    private readonly FakeWifi _wifi = new();
    private readonly FieldPairingSession _session;
    private readonly ImprovService _service;
    private readonly ImprovClient _client;

    public ImprovEndToEndTests()
    {
        _session = _device.NewSession();
        _service = new ImprovService(_session, _wifi, _device.Clock, AuthorizationMilliseconds);
        _client = new ImprovClient(new DirectPeripheral(_service));
    }

    [Fact]
    public void Without_field_pairing_the_service_requires_authorization_and_refuses_wifi_settings()
    {
        Assert.Equal(ImprovState.AuthorizationRequired, _client.State);

        var error = Assert.Throws<ImprovException>(() => _client.ProvisionWifi("plant-floor", "hunter22"));

        Assert.Equal(ImprovError.NotAuthorized, error.Error);
        Assert.Empty(_wifi.Attempts);
    }

    [Fact]
    public void Field_pairing_on_this_connection_authorizes_provisioning_which_returns_the_hub_urls()
    {
        PairTechnician();
        Assert.Equal(ImprovState.Authorized, _client.State);

        IReadOnlyList<string> urls = _client.ProvisionWifi("plant-floor", "hunter22");

        Assert.Equal([("plant-floor", "hunter22")], _wifi.Attempts);
        Assert.Equal(["https://10.0.0.7:6985/", FakeWifi.HubUrl], urls);
        Assert.Equal(ImprovState.Provisioned, _client.State);
        Assert.Equal(ImprovError.None, _client.Error);
    }

    [Fact]
    public void Pairing_on_another_connection_does_not_authorize_this_one()
    {
        new FieldPairingClient(_device.NewSession().Handle).Pair(_device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "admin");

        Assert.Equal(ImprovState.AuthorizationRequired, _client.State);
        Assert.Equal(ImprovError.NotAuthorized, Assert.Throws<ImprovException>(() => _client.ProvisionWifi("a", "b")).Error);
    }

    [Fact]
    public void Authorization_times_out()
    {
        PairTechnician();
        _device.Clock.NowMilliseconds += AuthorizationMilliseconds;

        Assert.Equal(ImprovState.AuthorizationRequired, _client.State);
        Assert.Equal(ImprovError.NotAuthorized, Assert.Throws<ImprovException>(() => _client.ProvisionWifi("a", "b")).Error);
    }

    [Fact]
    public void A_wifi_failure_is_unable_to_connect_and_restarts_the_authorization_timeout()
    {
        PairTechnician();
        _wifi.Fail = true;
        _device.Clock.NowMilliseconds += AuthorizationMilliseconds - 1;

        Assert.Equal(ImprovError.UnableToConnect, Assert.Throws<ImprovException>(() => _client.ProvisionWifi("plant-floor", "wrong")).Error);
        Assert.Equal(ImprovState.Authorized, _client.State);

        _device.Clock.NowMilliseconds += AuthorizationMilliseconds - 1;
        _wifi.Fail = false;
        Assert.NotEmpty(_client.ProvisionWifi("plant-floor", "hunter22"));
    }

    [Fact]
    public void The_service_reports_provisioning_while_it_connects()
    {
        PairTechnician();
        var seen = new List<ImprovState>();
        _service.Changed += service => seen.Add(service.CurrentState);

        _client.ProvisionWifi("plant-floor", "hunter22");

        Assert.Equal([ImprovState.Provisioning, ImprovState.Provisioned], seen);
    }

    [Fact]
    public void A_bad_checksum_is_an_invalid_rpc_packet()
    {
        PairTechnician();
        byte[] packet = ImprovClient.Packet(ImprovGatt.SendWifiSettings, [1, (byte)'a', 0]);
        packet[^1]++;

        Assert.Null(_service.HandleRpcCommand(packet));

        Assert.Equal(ImprovError.InvalidRpcPacket, _service.ErrorState);
        Assert.Empty(_wifi.Attempts);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 })]
    [InlineData(new byte[] { 33 })]
    [InlineData(new byte[] { 1, (byte)'a' })]
    [InlineData(new byte[] { 1, (byte)'a', 2, (byte)'b' })]
    [InlineData(new byte[] { 1, (byte)'a', 0, 0 })]
    public void Wifi_settings_whose_lengths_do_not_add_up_are_invalid(byte[] data)
    {
        PairTechnician();

        Assert.Null(_service.HandleRpcCommand(ImprovClient.Packet(ImprovGatt.SendWifiSettings, data)));

        Assert.Equal(ImprovError.InvalidRpcPacket, _service.ErrorState);
        Assert.Empty(_wifi.Attempts);
    }

    [Theory]
    [InlineData(ImprovGatt.Identify)]
    [InlineData(ImprovGatt.DeviceInfo)]
    [InlineData(ImprovGatt.ScanWifi)]
    [InlineData(0x7E)]
    public void Commands_beyond_the_capabilities_are_unknown(byte command)
    {
        Assert.Equal(0, _service.Capabilities);

        Assert.Null(_service.HandleRpcCommand(ImprovClient.Packet(command, [])));

        Assert.Equal(ImprovError.UnknownRpcCommand, _service.ErrorState);
    }

    [Fact]
    public void Random_packets_never_throw()
    {
        PairTechnician();
        Gen.Byte.Array[0, 300].Sample(packet =>
        {
            _service.HandleRpcCommand(packet);
        });
    }

    private void PairTechnician() =>
        new FieldPairingClient(_session.Handle).Pair(_device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "admin");

    private sealed class FakeWifi : IWifiConnector
    {
        public const string HubUrl = "httpkey://10.0.0.7:6985/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        public bool Fail { get; set; }

        public List<(string, string)> Attempts { get; } = [];

        public string? Connect(string ssid, string password)
        {
            Attempts.Add((ssid, password));
            return Fail ? null : HubUrl;
        }
    }

    private sealed class DirectPeripheral(ImprovService service) : IImprovPeripheral
    {
        public byte ReadCurrentState() => (byte)service.CurrentState;

        public byte ReadErrorState() => (byte)service.ErrorState;

        public byte ReadCapabilities() => service.Capabilities;

        public byte[]? WriteRpcCommand(byte[] packet) => service.HandleRpcCommand(packet);
    }
}
