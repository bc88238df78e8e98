using ThaliNano.Store.Storage;

namespace ThaliNano.Couch.Tests.Fakes;

/// <summary>A storage (the host driver's, in these tests) that counts the bytes read and the syncs made through it.</summary>
public sealed class CountingStorage(IFileStorage inner) : IFileStorage
{
    private long _readBytes;
    private int _syncs;

    /// <summary>Bytes read from files so far.</summary>
    public long ReadBytes => Interlocked.Read(ref _readBytes);

    /// <summary>IStorageFile.Sync and SyncAll calls so far.</summary>
    public int Syncs => Volatile.Read(ref _syncs);

    public bool DirectoryExists(string path) => inner.DirectoryExists(path);

    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    public void DeleteDirectory(string path) => inner.DeleteDirectory(path);

    public string[] ListDirectories(string path) => inner.ListDirectories(path);

    public string[] ListFiles(string path) => inner.ListFiles(path);

    public bool FileExists(string path) => inner.FileExists(path);

    public long GetFileLength(string path) => inner.GetFileLength(path);

    public void DeleteFile(string path) => inner.DeleteFile(path);

    public IStorageFile Open(string path) => new CountingFile(this, inner.Open(path));

    public IStorageFile Create(string path) => new CountingFile(this, inner.Create(path));

    public long AvailableBytes => inner.AvailableBytes;

    public void SyncAll()
    {
        Interlocked.Increment(ref _syncs);
        inner.SyncAll();
    }

    private sealed class CountingFile(CountingStorage owner, IStorageFile file) : IStorageFile
    {
        public long Length => file.Length;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int n = file.Read(position, buffer, offset, count);
            Interlocked.Add(ref owner._readBytes, n);
            return n;
        }

        public void Append(byte[] buffer, int offset, int count) => file.Append(buffer, offset, count);

        public bool TryTruncate(long length) => file.TryTruncate(length);

        public void Sync()
        {
            Interlocked.Increment(ref owner._syncs);
            file.Sync();
        }

        public void Dispose() => file.Dispose();
    }
}
