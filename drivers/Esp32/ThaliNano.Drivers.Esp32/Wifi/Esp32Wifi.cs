using System;
using System.Device.Wifi;
using System.Net;
using System.Net.NetworkInformation;
using System.Threading;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Esp32.Wifi
{
    /// <summary>
    /// The ESP32's Wi-Fi station (nanoFramework.System.Device.Wifi, System.Net's stored configuration). At start the
    /// station joins the stored network by itself (deployed with nanoff, or saved here by an earlier Improv provisioning):
    /// <see cref="WaitForAddress"/> waits for its DHCP address. <see cref="Connect"/> is Improv's: it joins the network it
    /// is given and, only once that worked, stores it for the next boots; a network it cannot join leaves the stored one
    /// and rejoins it. Addresses are answered as the hub's httpkey URL on this port.
    /// </summary>
    public sealed class Esp32Wifi : IWifiConnector
    {
        /// <summary>How long DHCP may take after a join.</summary>
        public const int DefaultAddressTimeoutMilliseconds = 30000;

        /// <summary>2024-01-01: a clock before it has not been set by SNTP.</summary>
        public static readonly DateTime EarliestValidClock = new DateTime(2024, 1, 1);

        private const int PollMilliseconds = 250;
        private const int MaxSsidLength = 32;
        private const int MaxPasswordLength = 64;

        private readonly PublicKeyId _hubKey;
        private readonly int _port;
        private readonly int _addressTimeoutMilliseconds;
        private WifiAdapter _adapter;

        /// <param name="hubKey">The hub's key id: the URLs name it.</param>
        /// <param name="port">The port the hub serves on.</param>
        public Esp32Wifi(PublicKeyId hubKey, int port, int addressTimeoutMilliseconds)
        {
            if (hubKey == null)
            {
                throw new ArgumentNullException("hubKey");
            }

            if (port < 1 || port > 65535 || addressTimeoutMilliseconds < PollMilliseconds)
            {
                throw new ArgumentOutOfRangeException(port < 1 || port > 65535 ? "port" : "addressTimeoutMilliseconds");
            }

            _hubKey = hubKey;
            _port = port;
            _addressTimeoutMilliseconds = addressTimeoutMilliseconds;
        }

        /// <summary>The hub's httpkey URL at the station's address, once it has one; null when none came in time.</summary>
        public string WaitForAddress()
        {
            for (int waited = 0; waited <= _addressTimeoutMilliseconds; waited += PollMilliseconds)
            {
                IPAddress address = IPAddress.GetDefaultLocalAddress();
                if (address != null && !address.Equals(IPAddress.Any))
                {
                    return HttpKeyUrl.Create(address.ToString(), _port, _hubKey, string.Empty).ToString();
                }

                Thread.Sleep(PollMilliseconds);
            }

            return null;
        }

        /// <summary>Waits until SNTP has set the clock (TLS checks certificate dates, readings and beacons need UTC); false on timeout.</summary>
        public static bool WaitForClock(int timeoutMilliseconds)
        {
            for (int waited = 0; waited <= timeoutMilliseconds; waited += PollMilliseconds)
            {
                if (DateTime.UtcNow >= EarliestValidClock)
                {
                    return true;
                }

                Thread.Sleep(PollMilliseconds);
            }

            return false;
        }

        public string Connect(string ssid, string password)
        {
            if (ssid == null || ssid.Length == 0 || ssid.Length > MaxSsidLength || password == null || password.Length > MaxPasswordLength)
            {
                return null;
            }

            WifiAdapter adapter = Adapter();
            Wireless80211Configuration stored = StoredConfiguration();
            adapter.Disconnect();
            string url = adapter.Connect(ssid, WifiReconnectionKind.Automatic, password).ConnectionStatus == WifiConnectionStatus.Success
                ? WaitForAddress()
                : null;
            if (url == null)
            {
                Rejoin(adapter, stored);
                return null;
            }

            if (stored != null)
            {
                stored.Ssid = ssid;
                stored.Password = password;
                stored.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
                stored.SaveConfiguration();
            }

            return url;
        }

        private WifiAdapter Adapter()
        {
            if (_adapter == null)
            {
                WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                if (adapters.Length == 0)
                {
                    throw new InvalidOperationException("this firmware has no Wi-Fi adapter");
                }

                _adapter = adapters[0];
            }

            return _adapter;
        }

        // The ESP32 has one station configuration: the first stored one.
        private static Wireless80211Configuration StoredConfiguration()
        {
            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            return all.Length == 0 ? null : all[0];
        }

        private static void Rejoin(WifiAdapter adapter, Wireless80211Configuration stored)
        {
            adapter.Disconnect();
            if (stored != null && stored.Ssid != null && stored.Ssid.Length > 0)
            {
                adapter.Connect(stored.Ssid, WifiReconnectionKind.Automatic, stored.Password == null ? string.Empty : stored.Password);
            }
        }
    }
}
