using System.Runtime.Versioning;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;

namespace ThaliNano.Drivers.Host.Tests;

/// <summary>Everything the host storage creates is private to its user: the pairing registry keeps proof secrets there.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FileStorageModesTests : IDisposable
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "thalinano-modes-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, true);
        }
    }

    [Fact]
    public void FoldersAre0700AndFiles0600()
    {
        Assert.False(OperatingSystem.IsWindows(), "Unix file modes: this test runs on Linux, as CI does");
        string root = Path.Combine(_parent, "store");
        using (var store = new DocumentStore(new HostFileStorage(root), new StoreOptions()))
        {
            Database db = store.CreateDatabase("secrets");
            for (int i = 0; i < 300; i++)
            {
                db.Put("k" + i, null, "{\"secret\":\"s\"}"u8.ToArray());
            }

            db.Compact();
        }

        string[] folders = Directory.GetDirectories(root, "*", SearchOption.AllDirectories);
        string[] files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "log.2");
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("h.", StringComparison.Ordinal));
        Assert.All(folders.Append(root), d => Assert.Equal(PrivateFolder, File.GetUnixFileMode(d)));
        Assert.All(files, f => Assert.Equal(PrivateFile, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void AnExistingOpenRootIsMadePrivate()
    {
        Assert.False(OperatingSystem.IsWindows(), "Unix file modes: this test runs on Linux, as CI does");
        string root = Path.Combine(_parent, "old");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        _ = new HostFileStorage(root);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(root));
    }
}
