using System;
using System.Diagnostics;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Ble;
using ThaliNano.Drivers.Esp32.Ble;
using ThaliNano.Drivers.Esp32.FileStorage;
using ThaliNano.Drivers.Esp32.Tls;
using ThaliNano.Drivers.Esp32.Wifi;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Device;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;
using ThaliNano.Sensors;
using ThaliNano.Store;
using ThaliNano.Text;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// The ESP32 board: reads the provisioned <c>device.json</c> and files, brings Wi-Fi up on the stored network, and
    /// runs the <see cref="DeviceHub"/> for the board's profile: the hub on LittleFS (<c>I:</c>) behind mbedTLS mutual TLS,
    /// the BLE face (beacon, field pairing, Improv Wi-Fi, mesh contacts), the mesh sensor and the I2C sensors. What must
    /// be on the device, and what runs at start, is in README.md: nothing here fakes it.
    /// </summary>
    public static class Program
    {
        /// <summary>The device configuration <c>thalinano provision</c> made (deployed with nanoff).</summary>
        public const string SettingsPath = "I:\\thali-config\\device.json";

        /// <summary>
        /// Owner provisioning over USB: a client certificate and its 32-byte ThaliKey secret (base64url text), paired as owner
        /// at the next start, then the secret file is deleted. Also how a lost owner key is replaced (physical access).
        /// </summary>
        public const string OwnerCertificatePath = "I:\\thali-provision\\owner.cert.pem";
        public const string OwnerSecretPath = "I:\\thali-provision\\owner.secret";

        /// <summary>How long the start waits for SNTP once the network is up (TLS checks dates; readings and beacons need UTC).</summary>
        public const int ClockTimeoutMilliseconds = 60000;

        private const int HandshakeTimeoutMilliseconds = 30000;

        public static void Main()
        {
            // On the ESP32 System.Random is the hardware RNG (nf-interpreter's CLR_RT_Random calls esp_random and ignores
            // seeds), true random once Wi-Fi is up (ESP-IDF); the epoch also hashes in the boot counter and the clock.
            DeviceRandom random = new DeviceRandom(new Random());
            DeviceSettings settings = DeviceSettings.Parse(File.ReadAllBytes(SettingsPath));
            BoardProfile profile = settings.Profile;
            string certificatePem = File.ReadAllText(settings.CertificatePath);
            PublicKeyId hubKey = HubKeyOf(certificatePem, settings);
            ProvisionedStart provisioned = new ProvisionedStart(settings);

            // The stored network (nanoff's network deployment, or an earlier Improv provisioning) joins at boot by itself.
            // Without one the hub starts all the same, reachable over BLE, where Improv gives it a network.
            Esp32Wifi wifi = new Esp32Wifi(hubKey, settings.Port, Esp32Wifi.DefaultAddressTimeoutMilliseconds);
            string url = wifi.WaitForAddress();
            if (url == null)
            {
                Debug.WriteLine("no network yet: provision Wi-Fi over BLE (Improv)");
            }
            else if (!Esp32Wifi.WaitForClock(ClockTimeoutMilliseconds))
            {
                Debug.WriteLine("SNTP has not set the clock: TLS certificate checks and readings wait for it");
            }

            X509Certificate2 certificate = Esp32TlsListener.LoadServerCertificate(certificatePem, File.ReadAllText(settings.KeyPath));
            DeviceHubOptions options = new DeviceHubOptions();
            options.Profile = profile;
            options.StoreStorage = new Esp32FileStorage(settings.StorePath);
            options.RegistryStorage = new Esp32FileStorage(settings.RegistryPath);
            options.Listener = new Esp32TlsListener(certificate, settings.Port, profile.HttpConnections, SslProtocols.Tls12, HandshakeTimeoutMilliseconds);
            options.HubKeyId = hubKey;
            options.Random = random;
            options.Uptime = new DeviceUptime();
            options.HubUrls = url == null ? null : new string[] { url };
            options.DisplayName = settings.Name;
            if (profile.Ble)
            {
                Esp32BlePeripheral radio = new Esp32BlePeripheral(new BleRoleGuard(), settings.Name);
                options.Advertiser = radio;
                options.Gatt = radio;
                options.FleetKey = provisioned.ReadFleetKey();
                options.Wifi = wifi;
            }

            options.Mesh = provisioned.CreateMeshOptions(random);
            options.Sensors = SensorBus.Open(profile, new ThreadDelay());
            options.Battery = new NoBatteryGauge();

            DeviceHub device = new DeviceHub(options);
            provisioned.ImportFieldToken(new FieldTokenStore(device.Registry));
            ProvisionOwner(device.Registry, settings.StorePath, profile);

            // mbedTLS verifies client certificates only against the device CA bundle: rewrite it now (also when nothing
            // is paired, so no earlier bundle survives) and after every pairing change made while the hub runs.
            CaBundle bundle = new CaBundle(certificatePem);
            bundle.PairingsChanged(device.Registry);
            device.Registry.Observer = bundle;

            device.Start();
            device.Run();
        }

        /// <summary>
        /// The hub's key id from its certificate, which must be a leaf (it stands in the CA bundle when nothing is paired)
        /// and the key <c>device.json</c> names (a certificate deployed for another device is refused).
        /// </summary>
        private static PublicKeyId HubKeyOf(string certificatePem, DeviceSettings settings)
        {
            byte[] certificate = Pem.DecodeCertificate(certificatePem);
            if (!CertificateConstraints.IsLeaf(certificate))
            {
                throw new InvalidOperationException("the hub certificate must be a leaf (CA:FALSE): it stands in the CA bundle when nothing is paired");
            }

            PublicKeyId key = PublicKeyId.FromCertificate(certificate);
            if (key.ToBase64Url() != settings.HubKeyId)
            {
                throw new InvalidOperationException(settings.CertificatePath + " holds key " + key.ToBase64Url() + ", not the key "
                    + settings.HubKeyId + " device.json names");
            }

            return key;
        }

        /// <summary>
        /// Pairs the deployed owner files as owner, also when an owner exists: redeploying them with nanoff (physical
        /// access) is how a lost owner key is replaced. A certificate that cannot pair (a CA) is left in place, unpaired.
        /// </summary>
        private static void ProvisionOwner(PairingRegistry registry, string storePath, BoardProfile profile)
        {
            if (!File.Exists(OwnerCertificatePath) || !File.Exists(OwnerSecretPath))
            {
                return;
            }

            byte[] certificate = Pem.DecodeCertificate(File.ReadAllText(OwnerCertificatePath));
            byte[] secret = Base64Url.Decode(File.ReadAllText(OwnerSecretPath).Trim());
            PublicKeyId previous = registry.Owner;
            try
            {
                registry.Pair(certificate, secret, true);
            }
            catch (ArgumentException e)
            {
                Debug.WriteLine("owner provisioning refused: " + e.Message);
                return;
            }

            if (previous != null && previous != registry.Owner)
            {
                // A replaced owner also takes the old owner's place among the admins of the served store's _thali.
                HubConfiguration configuration = profile.CreateConfiguration();
                DocumentStore store = new DocumentStore(new Esp32FileStorage(storePath), configuration.Store);
                try
                {
                    OwnerRecovery.HandOverAdmin(store, configuration.Couch, previous, registry.Owner);
                }
                finally
                {
                    store.Dispose();
                }
            }

            File.Delete(OwnerSecretPath);
        }
    }
}
