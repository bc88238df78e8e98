using System.Diagnostics;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;
using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.Tests;

/// <summary>
/// The host storage and the store on a real, tiny file system (a 2 MB tmpfs, mounted by the test: CI runs as root)
/// that fills up: ENOSPC becomes 507 with the file cut back, the store refuses writes before the disk is full, and
/// closing and reopening on a full disk work.
/// </summary>
public sealed class FileStorageDiskFullTests : IDisposable
{
    private readonly SmallFileSystem _fs = new(2);

    public void Dispose() => _fs.Dispose();

    private static byte[] Doc(int i) => System.Text.Encoding.UTF8.GetBytes("{\"reading\":" + i + ",\"pad\":\"" + new string('x', 200) + "\"}");

    [Fact]
    public void AnAppendTheDiskCannotTakeIsCutBackAndIs507()
    {
        var storage = new HostFileStorage(_fs.Path("raw"));
        using IStorageFile file = storage.Create("f");
        file.Append(new byte[100], 0, 100);
        file.Sync();
        _fs.FillLeaving(64 * 1024);

        var e = Assert.Throws<InsufficientStorageException>(() => file.Append(new byte[256 * 1024], 0, 256 * 1024));

        Assert.StartsWith("the disk is full: f could not be written", e.Message);
        Assert.Equal(100, file.Length);
        Assert.True(storage.AvailableBytes >= 60 * 1024, "the partial write was given back: " + storage.AvailableBytes);
        file.Append(new byte[1000], 0, 1000);
        Assert.Equal(1100, file.Length);
    }

    [Fact]
    public void TheStoreRefusesWritesWhileTheDiskStillHasItsReserve()
    {
        var options = new StoreOptions { MinFreeBytes = 1024 * 1024 };
        using var store = new DocumentStore(new HostFileStorage(_fs.Path("store")), options);
        Database db = store.CreateDatabase("readings");
        int written = 0;
        var refusal = Assert.Throws<InsufficientStorageException>(() =>
        {
            for (; written < 100_000; written++)
            {
                db.Put("r" + written, null, Doc(written));
            }
        });

        Assert.Contains("free bytes the store keeps", refusal.Message);
        Assert.True(written > 100);
        Assert.True(_fs.AvailableBytes > 1024 * 1024 - 64 * 1024, "free: " + _fs.AvailableBytes);
        Assert.False(db.IsReadOnly);
        Assert.Equal(written, db.GetInfo().DocCount);
    }

    [Fact]
    public void WhenSomethingElseFillsTheDiskWritesAre507AndTheStoreClosesAndReopens()
    {
        // Free space hidden from the store, so its writes meet the real ENOSPC.
        string root = _fs.Path("store");
        var options = new StoreOptions { CheckpointBytes = 1 << 20 };
        var store = new DocumentStore(new BlindStorage(new HostFileStorage(root)), options);
        Database db = store.CreateDatabase("readings");
        for (int i = 0; i < 200; i++)
        {
            db.Put("r" + i, null, Doc(i));
        }

        _fs.FillLeaving(0);
        long log = new FileInfo(System.IO.Path.Combine(root, "readings", "log.1")).Length;
        var e = Assert.Throws<InsufficientStorageException>(() =>
        {
            for (int i = 200; i < 400; i++)
            {
                db.Put("r" + i, null, Doc(i));
            }
        });

        Assert.StartsWith("the disk is full", e.Message);
        Assert.False(db.IsReadOnly);
        Assert.True(new FileInfo(System.IO.Path.Combine(root, "readings", "log.1")).Length >= log);
        long stored = db.GetInfo().DocCount;
        Assert.True(stored >= 200);

        store.Dispose();
        store = new DocumentStore(new HostFileStorage(root), options);
        db = store.OpenDatabase("readings");
        Assert.False(db.IsReadOnly);
        Assert.Equal(stored, db.GetInfo().DocCount);
        Assert.Throws<InsufficientStorageException>(() => db.Put("more", null, Doc(0)));

        _fs.RemoveFiller();
        db.Put("more", null, Doc(0));
        store.Dispose();
        store = new DocumentStore(new HostFileStorage(root), options);
        Assert.Equal(stored + 1, store.OpenDatabase("readings").GetInfo().DocCount);
        store.Dispose();
    }

    /// <summary>The host storage with its free space hidden (as on a platform that cannot tell).</summary>
    private sealed class BlindStorage(IFileStorage inner) : FileStorageDecorator(inner)
    {
        public override long AvailableBytes => -1;
    }

    /// <summary>A tmpfs of a few MB mounted for one test; fails the test with the reason when it cannot be mounted.</summary>
    private sealed class SmallFileSystem : IDisposable
    {
        private readonly string _mount = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "thalinano-full-" + Guid.NewGuid().ToString("N"));

        public SmallFileSystem(int megabytes)
        {
            Directory.CreateDirectory(_mount);
            var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", _mount);
            if (code != 0)
            {
                Directory.Delete(_mount);
                Assert.Fail("these tests need a real " + megabytes + " MB file system: `mount -t tmpfs` failed (exit " + code
                    + ", needs root as in CI): " + output);
            }
        }

        private string Filler => System.IO.Path.Combine(_mount, "filler");

        public long AvailableBytes => new DriveInfo(_mount).AvailableFreeSpace;

        public string Path(string name) => System.IO.Path.Combine(_mount, name);

        /// <summary>Writes a filler file until only <paramref name="bytes"/> (rounded to pages) stay free.</summary>
        public void FillLeaving(long bytes)
        {
            using var filler = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 0);
            byte[] chunk = new byte[4096];
            while (AvailableBytes > bytes)
            {
                try
                {
                    filler.Write(chunk, 0, (int)Math.Min(chunk.Length, AvailableBytes - bytes));
                    filler.Flush(true);
                }
                catch (IOException)
                {
                    return;
                }
            }
        }

        public void RemoveFiller() => File.Delete(Filler);

        public void Dispose()
        {
            Run("umount", _mount);
            Directory.Delete(_mount, true);
        }

        private static (int Code, string Output) Run(string file, params string[] args)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                string output = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return (p.ExitCode, output.Trim());
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, e.Message);
            }
        }
    }
}
