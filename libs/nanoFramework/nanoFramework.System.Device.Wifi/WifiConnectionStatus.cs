// Reference declarations of nanoFramework.System.Device.Wifi 1.5.144 (nanoframework/System.Device.Wifi, System.Device.Wifi/WifiConnectionStatus.cs). Signatures only; never used at run time.

namespace System.Device.Wifi
{
    public enum WifiConnectionStatus
    {
        AccessRevoked,
        InvalidCredential,
        NetworkNotAvailable,
        Success,
        Timeout,
        UnspecifiedFailure,
        UnsupportedAuthenticationProtocol,
    }
}
