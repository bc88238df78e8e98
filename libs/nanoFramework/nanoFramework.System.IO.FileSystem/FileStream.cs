// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/FileStream.cs). Signatures only; never used at run time.
// Read(SpanByte) is declared because Stream.Read(SpanByte) is abstract in System.IO.Streams 1.1.96; the
// upstream FileStream source available for checking does not show it (see ../README.md).

namespace System.IO
{
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) => throw null;
        public FileStream(string path, FileMode mode, FileAccess access) => throw null;
        public FileStream(string path, FileMode mode, FileAccess access, FileShare share) => throw null;
        public FileStream(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) => throw null;
        ~FileStream() { }

        public override bool CanRead => throw null;
        public override bool CanSeek => throw null;
        public override bool CanWrite => throw null;
        public override long Length => throw null;

        public override long Position
        {
            get => throw null;
            set => throw null;
        }

        public string Name => throw null;

        public override void Close() => throw null;
        protected override void Dispose(bool disposing) => throw null;
        public override void Flush() => throw null;
        public override int Read(byte[] buffer, int offset, int count) => throw null;
        public override int Read(SpanByte buffer) => throw null;
        public override int ReadByte() => throw null;
        public override long Seek(long offset, SeekOrigin origin) => throw null;
        public override void SetLength(long value) => throw null;
        public override void Write(byte[] buffer, int offset, int count) => throw null;
        public override void WriteByte(byte value) => throw null;
    }
}
