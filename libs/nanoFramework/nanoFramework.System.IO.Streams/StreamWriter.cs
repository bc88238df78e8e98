// Reference declarations of nanoFramework.System.IO.Streams 1.1.96 (nanoframework/System.IO.Streams, System.IO.Streams/StreamWriter.cs). Signatures only; never used at run time.

using System.Text;

namespace System.IO
{
    public class StreamWriter : TextWriter
    {
        public StreamWriter(Stream stream, bool leaveOpen = false) => throw null;

        public virtual Stream BaseStream
        {
            get => throw null;
        }

        public override Encoding Encoding => throw null;

        public override void Close() => throw null;
        protected override void Dispose(bool disposing) => throw null;
        public override void Flush() => throw null;
        public override void Write(char value) => throw null;
        public override void WriteLine() => throw null;
        public override void WriteLine(string value) => throw null;
    }
}
