// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/Sockets/SocketType.cs). Signatures only; never used at run time.

namespace System.Net.Sockets
{
    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
        Raw = 3,
        Rdm = 4,
        Seqpacket = 5,
        Unknown = -1,
    }
}
