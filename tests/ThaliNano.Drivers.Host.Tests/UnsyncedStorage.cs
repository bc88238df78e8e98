using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.Tests;

/// <summary>A storage whose syncs do nothing: for bulk-loading test data fast where durability is not under test.</summary>
internal sealed class UnsyncedStorage(IFileStorage inner) : IFileStorage
{
    public bool DirectoryExists(string path) => inner.DirectoryExists(path);

    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    public void DeleteDirectory(string path) => inner.DeleteDirectory(path);

    public string[] ListDirectories(string path) => inner.ListDirectories(path);

    public string[] ListFiles(string path) => inner.ListFiles(path);

    public bool FileExists(string path) => inner.FileExists(path);

    public long GetFileLength(string path) => inner.GetFileLength(path);

    public void DeleteFile(string path) => inner.DeleteFile(path);

    public IStorageFile Open(string path) => new File(inner.Open(path));

    public IStorageFile Create(string path) => new File(inner.Create(path));

    public void SyncAll()
    {
    }

    private sealed class File(IStorageFile inner) : IStorageFile
    {
        public long Length => inner.Length;

        public int Read(long position, byte[] buffer, int offset, int count) => inner.Read(position, buffer, offset, count);

        public void Append(byte[] buffer, int offset, int count) => inner.Append(buffer, offset, count);

        public void Sync()
        {
        }

        public void Dispose() => inner.Dispose();
    }
}
