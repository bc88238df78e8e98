// Reference declarations of nanoFramework.System.Device.Wifi 1.5.144 (nanoframework/System.Device.Wifi, System.Device.Wifi/WifiReconnectionKind.cs). Signatures only; never used at run time.

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}
