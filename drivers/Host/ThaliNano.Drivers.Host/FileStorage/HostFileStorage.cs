using System.Runtime.InteropServices;
using ThaliNano.Store;
using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.FileStorage;

/// <summary>
/// <see cref="IFileStorage"/> on the host's file system, under a root directory. Durability: file data is synced with
/// FileStream.Flush(true) (fsync); creating or deleting a file or directory also fsyncs the parent directory (on Linux
/// and macOS through libc, since .NET cannot open a directory), so those operations are durable when they return,
/// as the contract (and LittleFS) has it. <see cref="SyncAll"/> is one syncfs of the file system on Linux, elsewhere an fsync of every
/// file written or created since the last SyncAll. Assumes a journaling file system that orders data before metadata (ext4 data=ordered, APFS, NTFS).
/// Private: on Unix every folder it creates is 0700 and every file 0600 (the pairing registry keeps proof secrets),
/// and the root is made 0700 even when it exists. A full disk is <see cref="ThaliNano.Store.InsufficientStorageException"/>.
/// </summary>
public sealed class HostFileStorage : IFileStorage
{
    // On Linux SyncAll is one syncfs: the files and directories written since the last one need not be remembered.
    private static readonly bool s_syncsWholeFileSystem = OperatingSystem.IsLinux();

    private readonly string _root;
    private readonly HashSet<string> _unsynced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unsyncedDirectories = new(StringComparer.Ordinal);
    private readonly object _sync = new();

    public HostFileStorage(string root)
        : this(root, true)
    {
    }

    /// <param name="root">Folder of the store; created when missing.</param>
    /// <param name="durable">
    /// False turns every fsync into a no-op: only for bulk-loading test or benchmark data, never for a hub.
    /// </param>
    public HostFileStorage(string root, bool durable)
    {
        _root = Path.GetFullPath(root);
        Durable = durable;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_root);
        }
        else
        {
            Directory.CreateDirectory(_root, PrivateFolder);
            File.SetUnixFileMode(_root, PrivateFolder);
        }
    }

    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>False when syncs are skipped (bulk loads).</summary>
    public bool Durable { get; }

    /// <summary>Number of fsync calls made (files and directories), for benchmarks.</summary>
    public long SyncCount { get; private set; }

    public bool DirectoryExists(string path) => Directory.Exists(Full(path));

    public void CreateDirectory(string path)
    {
        string full = Full(path);
        string parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
        {
            throw new DirectoryNotFoundException("parent directory missing: " + path);
        }

        if (Directory.Exists(full) || File.Exists(full))
        {
            throw new IOException("already exists: " + path);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
        }
        else
        {
            Directory.CreateDirectory(full, PrivateFolder);
        }

        SyncDirectory(parent);
    }

    public void DeleteDirectory(string path)
    {
        string full = Full(path);
        Directory.Delete(full, false);
        SyncDirectory(Path.GetDirectoryName(full)!);
    }

    public string[] ListDirectories(string path) => Directory.GetDirectories(Full(path)).Select(p => Path.GetFileName(p)).ToArray();

    public string[] ListFiles(string path) => Directory.GetFiles(Full(path)).Select(p => Path.GetFileName(p)).ToArray();

    public bool FileExists(string path) => File.Exists(Full(path));

    public long GetFileLength(string path) => new FileInfo(Full(path)).Length;

    public void DeleteFile(string path)
    {
        string full = Full(path);
        if (!File.Exists(full))
        {
            return;
        }

        File.Delete(full);
        Forget(full);

        SyncDirectory(Path.GetDirectoryName(full)!);
    }

    public IStorageFile Open(string path)
    {
        string full = Full(path);
        // Unbuffered: a failed append must leave nothing behind in a buffer that a later call would write.
        return new HostFile(this, new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 0), false);
    }

    public IStorageFile Create(string path)
    {
        string full = Full(path);
        // Unbuffered: a created file gets whole appends (an index page, a slot, a batch of log frames), which a 4 KB
        // buffer would only copy (and allocate per created page file).
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        var stream = new FileStream(full, options);
        Remember(full, created: true);

        return new HostFile(this, stream, true);
    }

    /// <summary>Free bytes of the root's file system for this user (statvfs f_bavail).</summary>
    public long AvailableBytes => new DriveInfo(_root).AvailableFreeSpace;

    public void SyncAll()
    {
        if (!Durable)
        {
            return;
        }

        if (s_syncsWholeFileSystem)
        {
            // One syncfs flushes every file and directory of the file system: far cheaper than one fsync per page file.
            SyncFileSystem();
            return;
        }

        string[] files;
        string[] directories;
        lock (_sync)
        {
            files = _unsynced.ToArray();
            directories = _unsyncedDirectories.ToArray();
            _unsynced.Clear();
            _unsyncedDirectories.Clear();
        }

        foreach (string file in files)
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
                stream.Flush(true);
                SyncCount++;
            }
        }

        foreach (string directory in directories)
        {
            if (Directory.Exists(directory))
            {
                SyncDirectory(directory);
            }
        }
    }

    internal void Written(string full) => Remember(full, created: false);

    internal void Synced(string full, bool created)
    {
        SyncCount++;
        Forget(full);

        if (created)
        {
            SyncDirectory(Path.GetDirectoryName(full)!);
        }
    }

    /// <summary>Notes a file (and, when created, its directory) for the next <see cref="SyncAll"/> to fsync, where it fsyncs them one by one.</summary>
    private void Remember(string full, bool created)
    {
        if (s_syncsWholeFileSystem)
        {
            return;
        }

        lock (_sync)
        {
            _unsynced.Add(full);
            if (created)
            {
                _unsyncedDirectories.Add(Path.GetDirectoryName(full)!);
            }
        }
    }

    private void Forget(string full)
    {
        lock (_sync)
        {
            _unsynced.Remove(full);
        }
    }

    private string Full(string path)
    {
        if (path.Length == 0)
        {
            return _root;
        }

        foreach (string part in path.Split('/'))
        {
            if (!StorageNames.IsValidName(part))
            {
                throw new ArgumentException("invalid storage name: " + path, nameof(path));
            }
        }

        return Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>fsync of a directory, so that entries created or removed in it are durable (POSIX only; NTFS journals them).</summary>
    private void SyncDirectory(string directory)
    {
        if (!Durable || (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()))
        {
            return;
        }

        int fd = Native.open(directory, 0);
        if (fd < 0)
        {
            throw new IOException("cannot open directory for fsync: " + directory + " (errno " + Marshal.GetLastPInvokeError() + ")");
        }

        try
        {
            if (Native.fsync(fd) != 0)
            {
                throw new IOException("fsync of directory failed: " + directory + " (errno " + Marshal.GetLastPInvokeError() + ")");
            }

            SyncCount++;
        }
        finally
        {
            Native.close(fd);
        }
    }

    private void SyncFileSystem()
    {
        int fd = Native.open(_root, 0);
        if (fd < 0)
        {
            throw new IOException("cannot open the storage root for syncfs (errno " + Marshal.GetLastPInvokeError() + ")");
        }

        try
        {
            if (Native.syncfs(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (DiskFull.IsErrno(errno))
                {
                    throw new InsufficientStorageException("the disk is full: syncfs could not write back the store's files (errno " + errno + ")");
                }

                throw new IOException("syncfs failed (errno " + errno + ")");
            }

            SyncCount++;
        }
        finally
        {
            Native.close(fd);
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int syncfs(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
