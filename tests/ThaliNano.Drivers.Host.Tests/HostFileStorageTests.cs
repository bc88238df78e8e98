using System.Text;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;
using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.Tests;

public sealed class HostFileStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "thalinano-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }
    }

    [Fact]
    public void FilesSupportPositionalReadsAppendsAndTruncatingCreate()
    {
        var storage = new HostFileStorage(_root);
        storage.CreateDirectory("d");
        using (IStorageFile file = storage.Create("d/f.1"))
        {
            file.Append("hello "u8.ToArray(), 0, 6);
            file.Append("world!"u8.ToArray(), 0, 5);
            file.Sync();
            Assert.Equal(11, file.Length);
            byte[] buffer = new byte[8];
            Assert.Equal(5, file.Read(6, buffer, 1, 7));
            Assert.Equal("world", Encoding.ASCII.GetString(buffer, 1, 5));
            Assert.Equal(0, file.Read(11, buffer, 0, 1));
        }

        Assert.Equal(11, storage.GetFileLength("d/f.1"));
        using (IStorageFile again = storage.Open("d/f.1"))
        {
            again.Append("?"u8.ToArray(), 0, 1);
            Assert.Equal(12, again.Length);
        }

        using (IStorageFile truncated = storage.Create("d/f.1"))
        {
            Assert.Equal(0, truncated.Length);
        }

        storage.SyncAll();
        Assert.True(storage.SyncCount > 0);
    }

    [Fact]
    public void DirectoriesListCreateAndDelete()
    {
        var storage = new HostFileStorage(_root);
        storage.CreateDirectory("a");
        storage.CreateDirectory("a/b");
        using (storage.Create("a/x"))
        {
        }

        Assert.Equal(new[] { "b" }, storage.ListDirectories("a"));
        Assert.Equal(new[] { "x" }, storage.ListFiles("a"));
        Assert.Equal(new[] { "a" }, storage.ListDirectories(""));
        Assert.Throws<IOException>(() => storage.CreateDirectory("a"));
        Assert.Throws<DirectoryNotFoundException>(() => storage.CreateDirectory("missing/c"));
        Assert.ThrowsAny<IOException>(() => storage.DeleteDirectory("a"));
        storage.DeleteFile("a/x");
        storage.DeleteFile("a/x");
        storage.DeleteDirectory("a/b");
        storage.DeleteDirectory("a");
        Assert.False(storage.DirectoryExists("a"));
    }

    [Fact]
    public void RejectsNamesOutsideTheContract()
    {
        var storage = new HostFileStorage(_root);
        Assert.Throws<ArgumentException>(() => storage.CreateDirectory("../escape"));
        Assert.Throws<ArgumentException>(() => storage.Create("UPPER"));
    }

    [Fact]
    public void TheStoreRunsOnRealFilesAcrossRestarts()
    {
        using (var store = new DocumentStore(new HostFileStorage(_root), new StoreOptions()))
        {
            Database db = store.CreateDatabase("sensors/hall");
            var batch = new WriteBatch();
            for (int i = 0; i < 50; i++)
            {
                batch.Put("r" + i, null, Encoding.UTF8.GetBytes("{\"t\":" + i + "}"), false);
            }

            Assert.All(db.Commit(batch), r => Assert.True(r.Ok));
            db.PutLocal("_local/cp", null, "{\"seq\":50}"u8.ToArray());
            db.Compact();
        }

        using (var store = new DocumentStore(new HostFileStorage(_root), new StoreOptions()))
        {
            Assert.Equal(new[] { "sensors/hall" }, store.ListDatabases());
            Database db = store.OpenDatabase("sensors/hall");
            Assert.Equal(50, db.GetInfo().DocCount);
            Assert.Equal("{\"t\":7}", Encoding.UTF8.GetString(db.Get("r7")!.Body));
            Assert.Equal("0-1", db.GetLocal("_local/cp")!.Rev);
            Assert.True(store.DeleteDatabase("sensors/hall"));
        }

        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }
}
