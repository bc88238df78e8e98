using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.FileStorage;

/// <summary>
/// An <see cref="IFileStorage"/> that forwards every call to another: derive and override what a test or a benchmark
/// needs to observe or change (counted reads, hidden free space, a platform without truncation).
/// </summary>
public class FileStorageDecorator(IFileStorage inner) : IFileStorage
{
    protected IFileStorage Inner { get; } = inner;

    public virtual long AvailableBytes => Inner.AvailableBytes;

    public virtual bool DirectoryExists(string path) => Inner.DirectoryExists(path);

    public virtual void CreateDirectory(string path) => Inner.CreateDirectory(path);

    public virtual void DeleteDirectory(string path) => Inner.DeleteDirectory(path);

    public virtual string[] ListDirectories(string path) => Inner.ListDirectories(path);

    public virtual string[] ListFiles(string path) => Inner.ListFiles(path);

    public virtual bool FileExists(string path) => Inner.FileExists(path);

    public virtual long GetFileLength(string path) => Inner.GetFileLength(path);

    public virtual void DeleteFile(string path) => Inner.DeleteFile(path);

    public virtual IStorageFile Open(string path) => Inner.Open(path);

    public virtual IStorageFile Create(string path) => Inner.Create(path);

    public virtual void SyncAll() => Inner.SyncAll();
}

/// <summary>An <see cref="IStorageFile"/> that forwards every call to another (see <see cref="FileStorageDecorator"/>).</summary>
public class StorageFileDecorator(IStorageFile inner) : IStorageFile
{
    protected IStorageFile Inner { get; } = inner;

    public virtual long Length => Inner.Length;

    public virtual int Read(long position, byte[] buffer, int offset, int count) => Inner.Read(position, buffer, offset, count);

    public virtual void Append(byte[] buffer, int offset, int count) => Inner.Append(buffer, offset, count);

    public virtual void Sync() => Inner.Sync();

    public virtual bool TryTruncate(long length) => Inner.TryTruncate(length);

    public virtual void Dispose() => Inner.Dispose();
}
