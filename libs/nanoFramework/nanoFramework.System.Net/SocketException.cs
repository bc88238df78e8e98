// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/SocketException.cs). Signatures only; never used at run time.

namespace System.Net.Sockets
{
    [Serializable]
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) => throw null;

        public int ErrorCode => throw null;
    }
}
