// Reference declarations of nanoFramework.System.IO.Streams 1.1.96 (nanoframework/System.IO.Streams, System.IO.Streams/StreamReader.cs). Signatures only; never used at run time.

using System.Text;

namespace System.IO
{
    public class StreamReader : TextReader
    {
        public StreamReader(Stream stream, bool leaveOpen = false) => throw null;

        public virtual Stream BaseStream
        {
            get => throw null;
        }

        public virtual Encoding CurrentEncoding => throw null;
        public bool EndOfStream => throw null;

        public override void Close() => throw null;
        protected override void Dispose(bool disposing) => throw null;
        public override int Peek() => throw null;
        public override int Read() => throw null;
        public override int Read(char[] buffer, int index, int count) => throw null;
        public override string ReadLine() => throw null;
        public override string ReadToEnd() => throw null;
    }
}
