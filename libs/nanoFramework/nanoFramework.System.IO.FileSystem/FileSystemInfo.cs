// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/FileSystemInfo.cs). Signatures only; never used at run time.

namespace System.IO
{
    public abstract class FileSystemInfo : MarshalByRefObject
    {
        public FileAttributes Attributes => throw null;
        public virtual string FullName => throw null;
        public string Extension => throw null;
        public abstract bool Exists { get; }
        public abstract string Name { get; }

        public abstract void Delete();
        public virtual void Refresh() => throw null;
    }
}
