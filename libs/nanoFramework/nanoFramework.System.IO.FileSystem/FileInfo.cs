// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/FileInfo.cs). Signatures only; never used at run time.

namespace System.IO
{
    [Serializable]
    public sealed class FileInfo : FileSystemInfo
    {
        public FileInfo(string fileName) => throw null;

        public override string Name => throw null;
        public long Length => throw null;
        public string DirectoryName => throw null;
        public DirectoryInfo Directory => throw null;

        public FileStream Create() => throw null;
        public override void Delete() => throw null;
        public override bool Exists => throw null;
        public override string ToString() => throw null;
    }
}
