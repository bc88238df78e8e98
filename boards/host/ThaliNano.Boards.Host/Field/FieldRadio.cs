using ThaliNano.Ble;
using ThaliNano.Discovery;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Firmware.Pairing;

namespace ThaliNano.Boards.Host.Field;

/// <summary>
/// The host board's BLE face, composed as the ESP32 board composes it (firmware/ThaliNano.Firmware/Field): the private
/// beacon, the field pairing and Improv GATT services and, when the hub is a mesh sensor, the mesh contact service, over any radio — on this PC the simulated medium
/// (drivers/Host/.../Ble), since the host has no BLE radio the hub could drive. The hub must be serving.
/// </summary>
public sealed class FieldRadio
{
    private readonly HostHub _hub;
    private readonly FieldServices _services;
    private readonly BeaconAdvertising _beacon;
    private readonly FieldTokenStore _tokens;

    /// <summary>The BLE face of a provisioned hub (<see cref="HostHub.Provisioned"/>): beacons with its fleet key.</summary>
    public FieldRadio(HostHub hub, IBleAdvertiser advertiser, IGattServer gatt, IPairingClock clock, IWifiConnector wifi)
        : this(hub, advertiser, gatt, ProvisionedFleetKey(hub), clock, wifi)
    {
    }

    public FieldRadio(HostHub hub, IBleAdvertiser advertiser, IGattServer gatt, FleetKey fleetKey, IPairingClock clock, IWifiConnector wifi)
    {
        _hub = hub;
        _tokens = new FieldTokenStore(hub.Registry);
        var target = new RegistryPairingTarget(new PrincipalPairing(hub.Registry, hub.Hub.Couch)) { HubUrl = hub.CompactUrl };
        _services = new FieldServices(gatt, new PairingWindow(clock), _tokens, target, SecureRandom.Instance, clock, wifi);
        byte[] deviceId = BeaconAdvertising.DeviceIdOf(hub.Identity.KeyId);
        _beacon = new BeaconAdvertising(advertiser, new BeaconEncoder(fleetKey, deviceId), hub.Registry.Boots);
        if (hub.Hub.Mesh is { Node: not null } mesh)
        {
            _ = new MeshChannel(gatt, mesh);
        }

        DeviceId = Convert.ToHexStringLower(deviceId);
    }

    /// <summary>The id this hub's beacons resolve to (hex).</summary>
    public string DeviceId { get; }

    /// <summary>The pairing-mode window: the host board's stand-in for the device's button.</summary>
    public PairingWindow Window => _services.Window;

    public FieldServices Services => _services;

    /// <summary>Makes a fresh single-use pairing token (what the device's QR label shows), replacing any earlier one.</summary>
    public PairingToken ProvisionToken()
    {
        PairingToken token = PairingToken.Create(SecureRandom.Instance);
        _tokens.Provision(token);
        return token;
    }

    /// <summary>
    /// Advertises a fresh beacon for the slot: whether the pairing window is open, and from the mesh (when the hub is a
    /// sensor) the bundles waiting and the storage pressure.
    /// </summary>
    public bool Advertise(uint slot) =>
        _beacon.Advertise(slot, MeshBeaconHints.For(_hub.Hub.Mesh, _hub.Hub.Store, _hub.Hub.StoreOptions, Window.IsOpen, 0));

    private static FleetKey ProvisionedFleetKey(HostHub hub) =>
        hub.Provisioned?.FleetKey ?? throw new InvalidOperationException(hub.DataFolder + " is not a provisioned device folder: give the fleet key");
}
