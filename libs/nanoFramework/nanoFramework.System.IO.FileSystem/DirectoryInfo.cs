// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/DirectoryInfo.cs). Signatures only; never used at run time.

namespace System.IO
{
    public sealed class DirectoryInfo : FileSystemInfo
    {
        public DirectoryInfo(string path) => throw null;

        public override string Name => throw null;
        public override bool Exists => throw null;
        public DirectoryInfo Root => throw null;
        public DirectoryInfo Parent => throw null;

        public void Create() => throw null;
        public DirectoryInfo CreateSubdirectory(string path) => throw null;
        public FileInfo[] GetFiles() => throw null;
        public DirectoryInfo[] GetDirectories() => throw null;
        public void MoveTo(string destDirName) => throw null;
        public override void Delete() => throw null;
        public void Delete(bool recursive) => throw null;
        public override string ToString() => throw null;
    }
}
