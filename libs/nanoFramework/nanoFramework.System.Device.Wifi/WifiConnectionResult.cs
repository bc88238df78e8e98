// Reference declarations of nanoFramework.System.Device.Wifi 1.5.144 (nanoframework/System.Device.Wifi, System.Device.Wifi/WifiConnectionResult.cs). Signatures only; never used at run time.

namespace System.Device.Wifi
{
    public class WifiConnectionResult
    {
        public WifiConnectionStatus ConnectionStatus => throw null;
    }
}
