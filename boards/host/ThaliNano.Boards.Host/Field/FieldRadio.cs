using ThaliNano.Ble;
using ThaliNano.Discovery;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Firmware.Device;
using ThaliNano.Firmware.Field;

namespace ThaliNano.Boards.Host.Field;

/// <summary>
/// The host board's BLE face: the firmware's <see cref="HubRadio"/> (the private beacon, the field pairing and Improv
/// GATT services and, when the hub is a mesh sensor, the mesh contact service), as the ESP32 board composes it, over any
/// radio — on this PC the simulated medium (drivers/Host/.../Ble), since the host has no BLE radio the hub could drive.
/// The hub must be serving.
/// </summary>
public sealed class FieldRadio
{
    private readonly HubRadio _radio;

    public FieldRadio(HostHub hub, IBleAdvertiser advertiser, IGattServer gatt, FleetKey fleetKey, IPairingClock clock, IWifiConnector wifi)
    {
        _radio = new HubRadio(hub.Hub, hub.Registry, hub.Identity.KeyId, advertiser, gatt, fleetKey, clock, SecureRandom.Instance, wifi, hub.CompactUrl);
        DeviceId = Convert.ToHexStringLower(_radio.DeviceId);
    }

    /// <summary>The id this hub's beacons resolve to (hex).</summary>
    public string DeviceId { get; }

    /// <summary>The pairing-mode window: the host board's stand-in for the device's button.</summary>
    public PairingWindow Window => _radio.Window;

    public FieldServices Services => _radio.Services;

    /// <summary>Makes a fresh single-use pairing token (what the device's QR label shows), replacing any earlier one.</summary>
    public PairingToken ProvisionToken()
    {
        PairingToken token = PairingToken.Create(SecureRandom.Instance);
        _radio.Tokens.Provision(token);
        return token;
    }

    /// <summary>
    /// Advertises a fresh beacon for the slot: whether the pairing window is open, and from the mesh (when the hub is a
    /// sensor) the bundles waiting and the storage pressure.
    /// </summary>
    public bool Advertise(uint slot) => _radio.Advertise(slot, 0);
}
