using System;
using ThaliNano.Ble;
using ThaliNano.Discovery;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Device
{
    /// <summary>
    /// A started hub's BLE face, over any radio: the private beacon (<see cref="BeaconAdvertising"/>), the field pairing
    /// and Improv Wi-Fi GATT services (<see cref="FieldServices"/>) pairing into the hub's registry, and, when the hub is
    /// an available mesh sensor, the mesh contact service (<see cref="MeshChannel"/>). Every GATT service is added here,
    /// before the first advertisement. The ESP32 (through <see cref="DeviceHub"/>) and the host board's simulated radio
    /// compose it alike.
    /// </summary>
    public sealed class HubRadio
    {
        private readonly Hub _hub;
        private readonly BeaconAdvertising _beacon;
        private uint _advertisedSlot;
        private int _advertisedHints = -1;

        /// <param name="hub">The started hub.</param>
        /// <param name="registry">The hub's pairing registry: field pairing pairs into it, the token's verifier lives in it.</param>
        /// <param name="hubKey">The hub's key id: the beacon's device id is its first 8 bytes.</param>
        /// <param name="hubUrl">The httpkey URL a newly paired technician is told; null until the hub has an address (Improv sets it).</param>
        public HubRadio(Hub hub, PairingRegistry registry, PublicKeyId hubKey, IBleAdvertiser advertiser, IGattServer gatt, FleetKey fleetKey,
            IPairingClock clock, IRandomSource random, IWifiConnector wifi, string hubUrl)
        {
            if (hub == null || registry == null || hubKey == null || advertiser == null || gatt == null || fleetKey == null || clock == null
                || random == null || wifi == null)
            {
                throw new ArgumentNullException("hub", "the BLE face needs every part but the hub URL");
            }

            if (hub.Couch == null)
            {
                throw new ArgumentException("start the hub before its BLE face", "hub");
            }

            _hub = hub;
            Tokens = new FieldTokenStore(registry);
            Target = new RegistryPairingTarget(new PrincipalPairing(registry, hub.Couch));
            Target.HubUrl = hubUrl;
            Services = new FieldServices(gatt, new PairingWindow(clock), Tokens, Target, random, clock, new AddressTrackingWifi(wifi, Target));
            DeviceId = BeaconAdvertising.DeviceIdOf(hubKey);
            _beacon = new BeaconAdvertising(advertiser, new BeaconEncoder(fleetKey, DeviceId), registry.Boots);
            if (hub.Mesh != null && hub.Mesh.Node != null)
            {
                MeshChannel = new MeshChannel(gatt, hub.Mesh, hub.Server.Turns);
            }
        }

        /// <summary>The 8 bytes this hub's beacons resolve to.</summary>
        public byte[] DeviceId { get; }

        /// <summary>The field pairing token's verifier, a private record of the registry.</summary>
        public FieldTokenStore Tokens { get; }

        /// <summary>What field pairing pairs into; its <see cref="RegistryPairingTarget.HubUrl"/> follows Improv's network changes.</summary>
        public RegistryPairingTarget Target { get; }

        public FieldServices Services { get; }

        /// <summary>The pairing-mode window (a button, the first boot).</summary>
        public PairingWindow Window
        {
            get { return Services.Window; }
        }

        /// <summary>The mesh contact service; null when the hub is no mesh sensor or its mesh is unavailable.</summary>
        public MeshChannel MeshChannel { get; }

        /// <summary>Beacons advertised since the start.</summary>
        public uint Advertised
        {
            get { return _beacon.Advertised; }
        }

        /// <summary>
        /// The beacon's hints now: bundles waiting and storage pressure (<see cref="MeshBeaconHints"/>), whether the pairing
        /// window is open, and <paramref name="batteryLevel"/> (0 unknown, 1 low, 2 medium, 3 high).
        /// </summary>
        public BeaconHints Hints(int batteryLevel)
        {
            return MeshBeaconHints.For(_hub.Mesh, _hub.Store, _hub.StoreOptions, Window.IsOpen, batteryLevel);
        }

        /// <summary>Advertises a fresh beacon for <paramref name="slot"/> with the hints of now; false once this boot's beacons are used up.</summary>
        public bool Advertise(uint slot, int batteryLevel)
        {
            return Advertise(slot, Hints(batteryLevel));
        }

        /// <summary>
        /// Advertises a fresh beacon when the slot or the hints differ from the last advertised ones, so the beacon rotates
        /// at least once per slot and tells news at once. True when it advertised.
        /// </summary>
        public bool Refresh(uint slot, int batteryLevel)
        {
            BeaconHints hints = Hints(batteryLevel);
            if (_advertisedHints == HintsKey(hints) && _advertisedSlot == slot)
            {
                return false;
            }

            return Advertise(slot, hints);
        }

        private bool Advertise(uint slot, BeaconHints hints)
        {
            if (!_beacon.Advertise(slot, hints))
            {
                return false;
            }

            _advertisedSlot = slot;
            _advertisedHints = HintsKey(hints);
            return true;
        }

        private static int HintsKey(BeaconHints hints)
        {
            return hints.BundlesWaiting | (hints.StoragePressure << 3) | ((hints.PairingMode ? 1 : 0) << 5) | (hints.BatteryLevel << 6);
        }

        /// <summary>Improv's Wi-Fi: a network joined gives the hub its new address, which later field pairings tell.</summary>
        private sealed class AddressTrackingWifi : IWifiConnector
        {
            private readonly IWifiConnector _wifi;
            private readonly RegistryPairingTarget _target;

            public AddressTrackingWifi(IWifiConnector wifi, RegistryPairingTarget target)
            {
                _wifi = wifi;
                _target = target;
            }

            public string Connect(string ssid, string password)
            {
                string url = _wifi.Connect(ssid, password);
                if (url != null)
                {
                    _target.HubUrl = url;
                }

                return url;
            }
        }
    }
}
