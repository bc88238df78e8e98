// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/IPEndPoint.cs). Signatures only; never used at run time.

using System.Net.Sockets;

// Upstream overrides Equals but not GetHashCode.
#pragma warning disable CS0659

namespace System.Net
{
    [Serializable]
    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0x00000000;
        public const int MaxPort = 0x0000FFFF;

        public IPEndPoint(long address, int port) => throw null;
        public IPEndPoint(IPAddress address, int port) => throw null;

        public IPAddress Address => throw null;
        public AddressFamily AddressFamily => throw null;
        public int Port => throw null;

        public override SocketAddress Serialize() => throw null;
        public override EndPoint Create(SocketAddress socketAddress) => throw null;
        public override string ToString() => throw null;
        public override bool Equals(object obj) => throw null;
    }
}
