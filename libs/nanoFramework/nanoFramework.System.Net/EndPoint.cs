// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/EndPoint.cs). Signatures only; never used at run time.

namespace System.Net
{
    [Serializable]
    public abstract class EndPoint
    {
        public abstract SocketAddress Serialize();
        public abstract EndPoint Create(SocketAddress socketAddress);
    }
}
