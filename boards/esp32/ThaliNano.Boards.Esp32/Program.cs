using System;
using System.Diagnostics;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ThaliNano.Drivers.Esp32.FileStorage;
using ThaliNano.Drivers.Esp32.Tls;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;
using ThaliNano.Store;
using ThaliNano.Text;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// The ESP32 board: the hub on the internal LittleFS drive I:\ and mbedTLS mutual TLS. Wi-Fi, the clock (SNTP)
    /// and the files this reads are put on the device with nanoff (README.md): nothing here fakes them.
    /// </summary>
    public static class Program
    {
        /// <summary>The served documents.</summary>
        public const string StoreRoot = "I:\\thali";

        /// <summary>The pairing registry (a private store: never served, never replicated).</summary>
        public const string PairingRoot = "I:\\thali-pairing";

        /// <summary>The hub's certificate and unencrypted private key as PEM, made on a PC and deployed with nanoff.</summary>
        public const string CertificatePath = "I:\\thali-identity\\hub.cert.pem";
        public const string KeyPath = "I:\\thali-identity\\hub.key.pem";

        /// <summary>
        /// First-owner provisioning until BLE pairing exists: a client certificate and its 32-byte ThaliKey secret
        /// (base64url text), deployed once; paired as owner at the next start, then the secret file is deleted.
        /// </summary>
        public const string OwnerCertificatePath = "I:\\thali-provision\\owner.cert.pem";
        public const string OwnerSecretPath = "I:\\thali-provision\\owner.secret";

        public const int Port = 6985;

        public static void Main()
        {
            // On the ESP32 System.Random is the hardware RNG (nf-interpreter's CLR_RT_Random calls esp_random and ignores
            // seeds), true random once Wi-Fi is up (ESP-IDF); the epoch also hashes in the boot counter and the clock.
            Random random = new Random();
            // The registry has its own quota, apart from the served databases' (HubConfiguration's defaults), so user data
            // can never take the bytes it needs. Both are sized for the 256 KB I: of a 4 MB part; raise them on larger parts.
            PairingRegistry registry = PairingRegistry.Open(new Esp32FileStorage(PairingRoot), HubConfiguration.RegistryStoreOptions(), new DeviceRandom(random));
            registry.EnsureHubUuid(RandomBytes(random, 16));
            ProvisionOwner(registry);

            // mbedTLS verifies client certificates only against the device CA bundle: rewrite it now (also when nothing
            // is paired, so no earlier bundle survives) and after every pairing change made while the hub runs.
            string certificatePem = File.ReadAllText(CertificatePath);
            if (!CertificateConstraints.IsLeaf(Pem.DecodeCertificate(certificatePem)))
            {
                throw new InvalidOperationException("the hub certificate must be a leaf (CA:FALSE): it stands in the CA bundle when nothing is paired");
            }

            CaBundle bundle = new CaBundle(certificatePem);
            bundle.PairingsChanged(registry);
            registry.Observer = bundle;

            X509Certificate2 certificate = Esp32TlsListener.LoadServerCertificate(certificatePem, File.ReadAllText(KeyPath));
            Esp32TlsListener listener = new Esp32TlsListener(certificate, Port, 2, SslProtocols.Tls12, 30000);

            HubConfiguration configuration = new HubConfiguration();
            configuration.Registry = registry;
            configuration.HubKeyId = PublicKeyId.FromCertificate(Pem.DecodeCertificate(File.ReadAllText(CertificatePath)));
            configuration.EpochRandom = RandomBytes(random, 16);
            Hub hub = new Hub(configuration, new Esp32FileStorage(StoreRoot), listener);
            hub.Start();
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>
        /// Pairs the deployed owner files as owner, also when an owner exists: redeploying them with nanoff (physical
        /// access) is how a lost owner key is replaced. A certificate that cannot pair (a CA) is left in place, unpaired.
        /// </summary>
        private static void ProvisionOwner(PairingRegistry registry)
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
                HubConfiguration configuration = new HubConfiguration();
                DocumentStore store = new DocumentStore(new Esp32FileStorage(StoreRoot), configuration.Store);
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

        private static byte[] RandomBytes(Random random, int count)
        {
            byte[] bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
