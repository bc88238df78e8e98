// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/Sockets/Socket.cs). Signatures only; never used at run time.

namespace System.Net.Sockets
{
    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw null;

        public int Available => throw null;
        public EndPoint LocalEndPoint => throw null;
        public EndPoint RemoteEndPoint => throw null;

        public int ReceiveTimeout
        {
            get => throw null;
            set => throw null;
        }

        public int SendTimeout
        {
            get => throw null;
            set => throw null;
        }

        public SocketType SocketType => throw null;

        public void Bind(EndPoint localEP) => throw null;
        public void Connect(EndPoint remoteEP) => throw null;
        public void Close() => throw null;
        public void Listen(int backlog) => throw null;
        public Socket Accept() => throw null;

        public int Send(byte[] buffer) => throw null;
        public int Send(byte[] buffer, SocketFlags socketFlags) => throw null;
        public int Send(byte[] buffer, int size, SocketFlags socketFlags) => throw null;
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw null;

        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw null;
        public int SendTo(byte[] buffer, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw null;
        public int SendTo(byte[] buffer, SocketFlags socketFlags, EndPoint remoteEP) => throw null;
        public int SendTo(byte[] buffer, EndPoint remoteEP) => throw null;

        public int Receive(byte[] buffer) => throw null;
        public int Receive(byte[] buffer, SocketFlags socketFlags) => throw null;
        public int Receive(byte[] buffer, int size, SocketFlags socketFlags) => throw null;
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw null;

        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;
        public int ReceiveFrom(byte[] buffer, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;
        public int ReceiveFrom(byte[] buffer, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;
        public int ReceiveFrom(byte[] buffer, ref EndPoint remoteEP) => throw null;

        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, int optionValue) => throw null;
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, bool optionValue) => throw null;
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue) => throw null;
        public object GetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName) => throw null;
        public void GetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] val) => throw null;

        public bool Poll(int microSeconds, SelectMode mode) => throw null;

        protected virtual void Dispose(bool disposing) => throw null;
        void IDisposable.Dispose() => throw null;
        ~Socket() { }
    }
}
