// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/Sockets/SocketOptionLevel.cs). Signatures only; never used at run time.

namespace System.Net.Sockets
{
    public enum SocketOptionLevel
    {
        Socket = 0xffff,
        IP = ProtocolType.IP,
        IPv6 = ProtocolType.IPv6,
        Tcp = ProtocolType.Tcp,
        Udp = ProtocolType.Udp,
    }
}
