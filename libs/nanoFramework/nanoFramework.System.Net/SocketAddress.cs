// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/SocketAddress.cs). Signatures only; never used at run time.

using System.Net.Sockets;

namespace System.Net
{
    public class SocketAddress
    {
        public SocketAddress(AddressFamily family, int size) => throw null;

        public AddressFamily Family => throw null;
        public int Size => throw null;

        public byte this[int offset]
        {
            get => throw null;
            set => throw null;
        }
    }
}
