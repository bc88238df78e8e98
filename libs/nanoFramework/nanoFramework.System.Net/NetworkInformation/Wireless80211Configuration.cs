// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs). Signatures only; never used at run time.

namespace System.Net.NetworkInformation
{
    /// <summary>
    /// A stored Wi-Fi station configuration (the device's configuration block): what the station joins at boot when its
    /// options include AutoConnect. SaveConfiguration refuses a null SSID, an SSID over 32 or a password over 64 characters.
    /// Authentication, Encryption and Radio (their enum types) and Id are not declared.
    /// </summary>
    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) => throw null;

        public ConfigurationOptions Options { get => throw null; set => throw null; }

        public string Password { get => throw null; set => throw null; }

        public string Ssid { get => throw null; set => throw null; }

        public void SaveConfiguration() => throw null;

        public static Wireless80211Configuration[] GetAllWireless80211Configurations() => throw null;

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoConnect = 0x04 | Enable,
            SmartConfig = 0x08 | Enable,
        }
    }
}
