// Reference declarations of nanoFramework.System.IO.Streams 1.1.96 (nanoframework/System.IO.Streams, System.IO.Streams/TextReader.cs). Signatures only; never used at run time.

namespace System.IO
{
    [Serializable]
    public abstract class TextReader : MarshalByRefObject, IDisposable
    {
        protected TextReader() => throw null;

        public virtual void Close() => throw null;
        public void Dispose() => throw null;
        protected virtual void Dispose(bool disposing) => throw null;
        public virtual int Peek() => throw null;
        public virtual int Read() => throw null;
        public virtual int Read(char[] buffer, int index, int count) => throw null;
        public virtual int ReadBlock(char[] buffer, int index, int count) => throw null;
        public virtual string ReadLine() => throw null;
        public virtual string ReadToEnd() => throw null;
    }
}
