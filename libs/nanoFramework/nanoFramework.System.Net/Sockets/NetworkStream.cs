// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/Sockets/NetworkStream.cs). Signatures only; never used at run time.

using System.IO;

namespace System.Net.Sockets
{
    public class NetworkStream : Stream
    {
        protected int _socketType;
        protected EndPoint _remoteEndPoint;
        protected bool _disposed;

        public NetworkStream(Socket socket) => throw null;
        public NetworkStream(Socket socket, bool ownsSocket) => throw null;

        public override bool CanRead => throw null;
        public override bool CanSeek => throw null;
        public override bool CanTimeout => throw null;
        public override bool CanWrite => throw null;

        public override int ReadTimeout
        {
            get => throw null;
            set => throw null;
        }

        public override int WriteTimeout
        {
            get => throw null;
            set => throw null;
        }

        public override long Length => throw null;

        public override long Position
        {
            get => throw null;
            set => throw null;
        }

        public virtual bool DataAvailable => throw null;

        public void Close(int timeout) => throw null;
        protected override void Dispose(bool disposing) => throw null;
        public override void Flush() => throw null;
        public override int Read(byte[] buffer, int offset, int count) => throw null;
        public override int Read(SpanByte buffer) => throw null;
        public override long Seek(long offset, SeekOrigin origin) => throw null;
        public override void SetLength(long value) => throw null;
        public override void Write(byte[] buffer, int offset, int count) => throw null;
    }
}
