using System;
using ThaliNano.Ble;
using ThaliNano.Discovery;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Store.Storage;

namespace ThaliNano.Firmware.Device
{
    /// <summary>
    /// What a board hands <see cref="DeviceHub"/>: its profile, storage roots, listener, identity, randomness and clocks;
    /// the radio parts when the profile runs BLE; the mesh and the sensors when it has them. The platform picks each
    /// part (the ESP32 drivers, or the host's files, listener and simulated medium); nothing here is platform-specific.
    /// </summary>
    public sealed class DeviceHubOptions
    {
        /// <summary>The database the sampler writes into (the mesh bundles it by default).</summary>
        public const string ReadingsDatabase = "readings";

        /// <summary>The sampler's base interval when the board sets none: a reading a minute on a full battery.</summary>
        public const int DefaultSamplingSeconds = 60;

        /// <summary>Below this charge the sampler stops (DutyCyclePolicy).</summary>
        public const int DefaultBatteryFloorPercent = 10;

        public DeviceHubOptions()
        {
            SamplingSeconds = DefaultSamplingSeconds;
            BatteryFloorPercent = DefaultBatteryFloorPercent;
        }

        /// <summary>The board's budgets: caches, connections, quotas, leaves, bundle size, whether BLE runs. Required.</summary>
        public BoardProfile Profile { get; set; }

        /// <summary>Where the served documents live (ESP32: I:\thali). Required.</summary>
        public IFileStorage StoreStorage { get; set; }

        /// <summary>Where the pairing registry lives, apart from the served store (ESP32: I:\thali-pairing). Required.</summary>
        public IFileStorage RegistryStorage { get; set; }

        /// <summary>The bound transport (ESP32: mbedTLS on its port). Required.</summary>
        public IConnectionListener Listener { get; set; }

        /// <summary>The hub's key id (SHA-256 of its certificate's SPKI). Required.</summary>
        public PublicKeyId HubKeyId { get; set; }

        /// <summary>The board's secure random source: hub uuid, epoch, proof secrets, field pairing, bundle IVs. Required.</summary>
        public IRandomSource Random { get; set; }

        /// <summary>Milliseconds since boot, only forward: the pairing window and the schedule of the periodic work. Required.</summary>
        public IPairingClock Uptime { get; set; }

        /// <summary>UTC seconds: beacon slots and reading timestamps (set by SNTP on the device). Null: the system clock.</summary>
        public ThaliNano.Store.IClock Clock { get; set; }

        /// <summary>
        /// The hub's httpkey URLs as clients reach it, published in its directory entry; the first is what a technician
        /// paired in the field is told (until Improv moves the hub to another network). Null: not known yet.
        /// </summary>
        public string[] HubUrls { get; set; }

        /// <summary>A display name for the directory entry (1 to 64 characters), or null.</summary>
        public string DisplayName { get; set; }

        /// <summary>Advertises the private beacon (when <see cref="BoardProfile.Ble"/>). Required then.</summary>
        public IBleAdvertiser Advertiser { get; set; }

        /// <summary>Serves the field pairing, Improv and mesh GATT services (when <see cref="BoardProfile.Ble"/>). Required then.</summary>
        public IGattServer Gatt { get; set; }

        /// <summary>The fleet's beacon key (when <see cref="BoardProfile.Ble"/>). Required then.</summary>
        public FleetKey FleetKey { get; set; }

        /// <summary>Joins the network Improv hands over (when <see cref="BoardProfile.Ble"/>). Required then.</summary>
        public IWifiConnector Wifi { get; set; }

        /// <summary>The hub as a mesh sensor; null: no mesh. Its bundle size is set from the profile.</summary>
        public MeshOptions Mesh { get; set; }

        /// <summary>The sensors sampled into <see cref="ReadingsDatabase"/>; null or empty: no sampler.</summary>
        public ISampledSensor[] Sensors { get; set; }

        /// <summary>The battery's charge for the duty cycle and the beacon (required with sensors; a value outside 0..100 means unknown).</summary>
        public IBatteryGauge Battery { get; set; }

        /// <summary>The sampler's base interval, 1 to 86400 seconds.</summary>
        public int SamplingSeconds { get; set; }

        /// <summary>The charge under which sampling stops, 0 to 19 percent.</summary>
        public int BatteryFloorPercent { get; set; }

        /// <summary>The first part of every reading's id (1 to 32 of [a-z0-9-]); null: the beacon's device id in hex.</summary>
        public string ReadingsDeviceId { get; set; }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first missing or contradictory part.</summary>
        public void Validate()
        {
            if (Profile == null || StoreStorage == null || RegistryStorage == null || Listener == null || HubKeyId == null || Random == null
                || Uptime == null)
            {
                throw new ArgumentException("a device hub needs its profile, both storage roots, a listener, the hub's key id, a random source and an uptime clock");
            }

            Profile.Check();
            if (Profile.Ble && (Advertiser == null || Gatt == null || FleetKey == null || Wifi == null))
            {
                throw new ArgumentException("board " + Profile.Name + " runs BLE: it needs an advertiser, a GATT server, the fleet key and Wi-Fi for Improv");
            }

            if (HasSensors)
            {
                if (Battery == null)
                {
                    throw new ArgumentException("sampling needs a battery gauge (one that answers -1 when the charge is unknown)", "Battery");
                }

                if (SamplingSeconds < 1 || SamplingSeconds > DutyCyclePolicy.MaxBaseIntervalSeconds)
                {
                    throw new ArgumentException("SamplingSeconds must be 1 to " + DutyCyclePolicy.MaxBaseIntervalSeconds.ToString(), "SamplingSeconds");
                }

                if (BatteryFloorPercent < 0 || BatteryFloorPercent >= DutyCyclePolicy.StretchEndPercent)
                {
                    throw new ArgumentException("BatteryFloorPercent must be 0 to 19", "BatteryFloorPercent");
                }
            }

            if (Mesh != null)
            {
                Mesh.Validate();
            }
        }

        internal bool HasSensors
        {
            get { return Sensors != null && Sensors.Length > 0; }
        }
    }
}
