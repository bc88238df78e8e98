// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/IPAddress.cs). Signatures only; never used at run time.

using System.Net.Sockets;

namespace System.Net
{
    [Serializable]
    public class IPAddress
    {
        public static readonly IPAddress Any;
        public static readonly IPAddress Loopback;
        public static readonly IPAddress Broadcast;
        public static readonly IPAddress None;

        public IPAddress(long newAddress) => throw null;
        public IPAddress(byte[] address) => throw null;

        public AddressFamily AddressFamily => throw null;

        public override bool Equals(object comparand) => throw null;
        public byte[] GetAddressBytes() => throw null;
        public static IPAddress Parse(string ipString) => throw null;
        public override string ToString() => throw null;
        public static IPAddress GetDefaultLocalAddress() => throw null;
        public override int GetHashCode() => throw null;
        public static bool operator ==(IPAddress a, IPAddress b) => throw null;
        public static bool operator !=(IPAddress a, IPAddress b) => throw null;
    }
}
