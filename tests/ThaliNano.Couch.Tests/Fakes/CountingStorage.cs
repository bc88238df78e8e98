using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store.Storage;

namespace ThaliNano.Couch.Tests.Fakes;

/// <summary>A storage (the host driver's, in these tests) that counts the bytes read and the syncs made through it.</summary>
public sealed class CountingStorage(IFileStorage inner) : FileStorageDecorator(inner)
{
    private long _readBytes;
    private int _syncs;

    /// <summary>Bytes read from files so far.</summary>
    public long ReadBytes => Interlocked.Read(ref _readBytes);

    /// <summary>IStorageFile.Sync and SyncAll calls so far.</summary>
    public int Syncs => Volatile.Read(ref _syncs);

    public override IStorageFile Open(string path) => new CountingFile(this, Inner.Open(path));

    public override IStorageFile Create(string path) => new CountingFile(this, Inner.Create(path));

    public override void SyncAll()
    {
        Interlocked.Increment(ref _syncs);
        Inner.SyncAll();
    }

    private sealed class CountingFile(CountingStorage owner, IStorageFile file) : StorageFileDecorator(file)
    {
        public override int Read(long position, byte[] buffer, int offset, int count)
        {
            int n = Inner.Read(position, buffer, offset, count);
            Interlocked.Add(ref owner._readBytes, n);
            return n;
        }

        public override void Sync()
        {
            Interlocked.Increment(ref owner._syncs);
            Inner.Sync();
        }
    }
}
