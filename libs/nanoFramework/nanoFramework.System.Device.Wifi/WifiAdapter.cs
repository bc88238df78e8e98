// Reference declarations of nanoFramework.System.Device.Wifi 1.5.144 (nanoframework/System.Device.Wifi, System.Device.Wifi/WifiAdapter.cs). Signatures only; never used at run time.

namespace System.Device.Wifi
{
    /// <summary>
    /// A Wi-Fi station interface of the device. Connect blocks until the native layer reports the outcome; the address
    /// arrives later (DHCP). Scanning members (ScanAsync, NetworkReport, AvailableNetworksChanged) are not declared.
    /// </summary>
    public sealed class WifiAdapter : IDisposable
    {
        public int NetworkInterface => throw null;

        public static WifiAdapter[] FindAllAdapters() => throw null;

        public WifiConnectionResult Connect(string ssid, WifiReconnectionKind reconnectionKind, string passwordCredential) => throw null;

        public void Disconnect() => throw null;

        public void Dispose() => throw null;
    }
}
