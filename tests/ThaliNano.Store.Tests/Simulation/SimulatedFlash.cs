using ThaliNano.Store.Storage;

namespace ThaliNano.Store.Tests.Simulation;

/// <summary>Thrown by every operation of a <see cref="SimulatedFlash"/> from the instant power was cut until <see cref="SimulatedFlash.Reboot"/>.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException()
        : base("simulated power cut")
    {
    }
}

/// <summary>What happens to a file's unsynced writes at a power cut.</summary>
public enum CutMode
{
    /// <summary>Each file keeps a random prefix (possibly none, possibly all) of its unsynced operations.</summary>
    RandomPrefix,

    /// <summary>Every unsynced operation is lost.</summary>
    DropAll,

    /// <summary>Every unsynced operation survives (as if the cache had been written back just in time).</summary>
    KeepAll,
}

/// <summary>
/// A flash file system in memory that keeps, per file, the durable content apart from the operations (truncations,
/// appends) made since the last sync, and can cut power at any byte of any write: the write in progress stops there,
/// every later call throws <see cref="PowerCutException"/>, and <see cref="Reboot"/> keeps for each file its durable
/// content plus a prefix of its unsynced operations (the last one possibly cut inside), or none of them.
/// Directory operations and deletes are atomic and durable when they return, as on LittleFS.
/// Counts bytes written (write amplification) and bytes stored. With a <see cref="Capacity"/>, an append that does not
/// fit throws <see cref="InsufficientStorageException"/> and writes nothing (as LittleFS commits nothing of a failed
/// write), and <see cref="AvailableBytes"/> tells the free bytes.
/// </summary>
public sealed class SimulatedFlash : IFileStorage
{
    private readonly SortedSet<string> _directories = new(StringComparer.Ordinal) { "" };
    private readonly Dictionary<string, SimFile> _files = new(StringComparer.Ordinal);
    private Random _random;
    private long _budget = long.MaxValue;
    private bool _cut;
    private int _epoch;

    public SimulatedFlash(int seed = 1)
    {
        _random = new Random(seed);
    }

    /// <summary>Total bytes appended to files since creation (syncs and truncations do not count).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Number of Sync/SyncAll calls that made something durable or could have.</summary>
    public long SyncCount { get; private set; }

    /// <summary>Sum of the current lengths of every file.</summary>
    public long BytesStored => _files.Values.Sum(f => (long)f.Current.Count);

    public bool IsCut => _cut;

    /// <summary>Most bytes all files together may hold (long.MaxValue: no limit, free space unknown).</summary>
    public long Capacity { get; set; } = long.MaxValue;

    /// <summary>When false, truncation is refused as on nanoFramework.</summary>
    public bool CanTruncate { get; set; } = true;

    /// <summary>Number of successful truncations (cut-backs of failed appends and torn tails).</summary>
    public int Truncations { get; private set; }

    /// <summary>When true, every sync fails with an <see cref="IOException"/> (a flash that stopped accepting writes) and makes nothing durable.</summary>
    public bool SyncsFail { get; set; }

    /// <summary>When false, <see cref="AvailableBytes"/> is -1 even with a capacity (as on nanoFramework).</summary>
    public bool ReportsFreeSpace { get; set; } = true;

    public long AvailableBytes => Capacity == long.MaxValue || !ReportsFreeSpace ? -1 : Math.Max(0, Capacity - BytesStored);

    /// <summary>
    /// Arms a power cut after <paramref name="events"/> more events, where each appended byte and each other
    /// mutating operation (create, delete, mkdir, rmdir, sync) is one event. 0 cuts at the next event.
    /// </summary>
    public void CutAfter(long events)
    {
        _budget = events;
    }

    public void Disarm()
    {
        _budget = long.MaxValue;
    }

    /// <summary>Events still to go before the armed cut (long.MaxValue when none is armed).</summary>
    public long RemainingEvents => _budget;

    /// <summary>Applies the power cut (if it has not happened yet) and "reboots": unsynced data is resolved as <paramref name="mode"/> says.</summary>
    public void Reboot(CutMode mode = CutMode.RandomPrefix)
    {
        foreach (string path in _files.Keys.ToList())
        {
            SimFile file = _files[path];
            int keep = mode switch
            {
                CutMode.DropAll => 0,
                CutMode.KeepAll => file.Pending.Count,
                _ => _random.Next(file.Pending.Count + 1),
            };
            int cutBytes = -1;
            if (mode == CutMode.RandomPrefix && keep > 0 && file.Pending[keep - 1].TruncateTo < 0 && _random.Next(2) == 0)
            {
                cutBytes = _random.Next(file.Pending[keep - 1].Data.Length + 1);
            }

            bool vanish = !file.DurablyExists && mode switch
            {
                CutMode.DropAll => true,
                CutMode.KeepAll => false,
                _ => _random.Next(file.Pending.Count + 2) == 0,
            };
            if (vanish)
            {
                _files.Remove(path);
                continue;
            }

            List<byte> content = new(file.Durable);
            for (int i = 0; i < keep; i++)
            {
                PendingOp op = file.Pending[i];
                if (op.TruncateTo >= 0)
                {
                    content.RemoveRange((int)op.TruncateTo, content.Count - (int)op.TruncateTo);
                }
                else if (i == keep - 1 && cutBytes >= 0)
                {
                    content.AddRange(op.Data.Take(cutBytes));
                }
                else
                {
                    content.AddRange(op.Data);
                }
            }

            file.Durable = content.ToArray();
            file.Current = content;
            file.Pending.Clear();
            file.DurablyExists = true;
        }

        _cut = false;
        _budget = long.MaxValue;
        _epoch++;
    }

    /// <summary>A deep copy of the current state (durable and unsynced), with its own random source.</summary>
    public SimulatedFlash Clone(int seed)
    {
        var copy = new SimulatedFlash(seed);
        copy._directories.UnionWith(_directories);
        foreach (var kv in _files)
        {
            copy._files[kv.Key] = new SimFile
            {
                Durable = (byte[])kv.Value.Durable.Clone(),
                Current = new List<byte>(kv.Value.Current),
                Pending = new List<PendingOp>(kv.Value.Pending),
                DurablyExists = kv.Value.DurablyExists,
            };
        }

        return copy;
    }

    public void Reseed(int seed)
    {
        _random = new Random(seed);
    }

    public IReadOnlyCollection<string> FilePaths => _files.Keys.ToList();

    public byte[] ReadAllBytes(string path) => _files[path].Current.ToArray();

    /// <summary>Overwrites one byte of a file, durably (media corruption, not a write).</summary>
    public void Corrupt(string path, long offset, byte value)
    {
        SimFile file = _files[path];
        file.Current[(int)offset] = value;
        if (offset < file.Durable.Length)
        {
            file.Durable[offset] = value;
        }
    }

    /// <summary>Replaces a file's whole content, durably (for foreign or newer-format files).</summary>
    public void Replace(string path, byte[] content)
    {
        if (!_files.TryGetValue(path, out SimFile? file))
        {
            file = new SimFile();
            _files[path] = file;
        }

        file.Durable = (byte[])content.Clone();
        file.Current = new List<byte>(content);
        file.Pending.Clear();
        file.DurablyExists = true;
    }

    public bool DirectoryExists(string path)
    {
        Check();
        return _directories.Contains(path);
    }

    public void CreateDirectory(string path)
    {
        Event();
        CheckName(path);
        if (!_directories.Contains(Parent(path)))
        {
            throw new IOException("parent directory missing: " + path);
        }

        if (_directories.Contains(path) || _files.ContainsKey(path))
        {
            throw new IOException("already exists: " + path);
        }

        _directories.Add(path);
    }

    public void DeleteDirectory(string path)
    {
        Event();
        if (!_directories.Contains(path))
        {
            throw new IOException("no such directory: " + path);
        }

        string prefix = path + "/";
        if (_files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)) || _directories.Any(d => d.StartsWith(prefix, StringComparison.Ordinal)))
        {
            throw new IOException("directory not empty: " + path);
        }

        _directories.Remove(path);
    }

    public string[] ListDirectories(string path)
    {
        Check();
        RequireDirectory(path);
        return _directories.Where(d => d.Length > 0 && Parent(d) == path).Select(Name).ToArray();
    }

    public string[] ListFiles(string path)
    {
        Check();
        RequireDirectory(path);
        return _files.Keys.Where(f => Parent(f) == path).Select(Name).ToArray();
    }

    public bool FileExists(string path)
    {
        Check();
        return _files.ContainsKey(path);
    }

    public long GetFileLength(string path)
    {
        Check();
        return Get(path).Current.Count;
    }

    public void DeleteFile(string path)
    {
        Event();
        _files.Remove(path);
    }

    public IStorageFile Open(string path)
    {
        Check();
        Get(path);
        return new Handle(this, path, _epoch);
    }

    public IStorageFile Create(string path)
    {
        Event();
        CheckName(path);
        RequireDirectory(Parent(path));
        if (_directories.Contains(path))
        {
            throw new IOException("a directory has that name: " + path);
        }

        if (_files.TryGetValue(path, out SimFile? file))
        {
            file.Current.Clear();
            file.Pending.Add(new PendingOp(0, Array.Empty<byte>()));
        }
        else
        {
            _files[path] = new SimFile();
        }

        return new Handle(this, path, _epoch);
    }

    public void SyncAll()
    {
        Event();
        SyncCount++;
        foreach (SimFile file in _files.Values)
        {
            file.MakeDurable();
        }
    }

    private SimFile Get(string path)
    {
        if (!_files.TryGetValue(path, out SimFile? file))
        {
            throw new FileNotFoundException("no such file: " + path);
        }

        return file;
    }

    private void RequireDirectory(string path)
    {
        if (!_directories.Contains(path))
        {
            throw new DirectoryNotFoundException("no such directory: " + path);
        }
    }

    private static void CheckName(string path)
    {
        foreach (string part in path.Split('/'))
        {
            if (!StorageNames.IsValidName(part))
            {
                throw new ArgumentException("invalid name: " + path);
            }
        }
    }

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.Substring(0, slash);
    }

    private static string Name(string path) => path.Substring(path.LastIndexOf('/') + 1);

    private void Check()
    {
        if (_cut)
        {
            throw new PowerCutException();
        }
    }

    private void Event()
    {
        Check();
        if (_budget == 0)
        {
            _cut = true;
            throw new PowerCutException();
        }

        if (_budget != long.MaxValue)
        {
            _budget--;
        }
    }

    private void Append(string path, byte[] buffer, int offset, int count)
    {
        Check();
        SimFile file = Get(path);
        if (Capacity != long.MaxValue && BytesStored + count > Capacity)
        {
            throw new InsufficientStorageException("simulated flash full: " + count + " more bytes do not fit");
        }

        int allowed = count;
        if (_budget != long.MaxValue && _budget < count)
        {
            allowed = (int)_budget;
        }

        byte[] data = new byte[allowed];
        Array.Copy(buffer, offset, data, 0, allowed);
        file.Current.AddRange(data);
        file.Pending.Add(new PendingOp(-1, data));
        BytesWritten += allowed;
        if (_budget != long.MaxValue)
        {
            _budget -= allowed;
        }

        if (allowed < count || (_budget == 0 && count == 0))
        {
            _cut = true;
            throw new PowerCutException();
        }
    }

    private void Sync(string path)
    {
        Event();
        if (SyncsFail)
        {
            throw new IOException("simulated flash: sync failed");
        }

        SyncCount++;
        if (_files.TryGetValue(path, out SimFile? file))
        {
            file.MakeDurable();
        }
    }

    private bool Truncate(string path, long length)
    {
        if (!CanTruncate)
        {
            return false;
        }

        Event();
        SimFile file = Get(path);
        if (length < file.Current.Count)
        {
            file.Current.RemoveRange((int)length, file.Current.Count - (int)length);
            file.Pending.Add(new PendingOp(length, Array.Empty<byte>()));
            Truncations++;
        }

        return true;
    }

    /// <summary>An unsynced operation: an append (TruncateTo -1) or a truncation to TruncateTo bytes (0 by Create).</summary>
    private sealed record PendingOp(long TruncateTo, byte[] Data);

    private sealed class SimFile
    {
        public byte[] Durable = Array.Empty<byte>();
        public List<byte> Current = new();
        public List<PendingOp> Pending = new();
        public bool DurablyExists;

        public void MakeDurable()
        {
            if (Pending.Count > 0 || !DurablyExists)
            {
                Durable = Current.ToArray();
                Pending.Clear();
                DurablyExists = true;
            }
        }
    }

    private sealed class Handle : IStorageFile
    {
        private readonly SimulatedFlash _flash;
        private readonly string _path;
        private readonly int _epoch;
        private bool _disposed;

        public Handle(SimulatedFlash flash, string path, int epoch)
        {
            _flash = flash;
            _path = path;
            _epoch = epoch;
        }

        public long Length
        {
            get
            {
                SimFile file = Live();
                return file.Current.Count;
            }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            SimFile file = Live();
            if (position >= file.Current.Count)
            {
                return 0;
            }

            int n = (int)Math.Min(count, file.Current.Count - position);
            file.Current.CopyTo((int)position, buffer, offset, n);
            return n;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            Live();
            _flash.Append(_path, buffer, offset, count);
        }

        public void Sync()
        {
            Live();
            _flash.Sync(_path);
        }

        public bool TryTruncate(long length)
        {
            Live();
            return _flash.Truncate(_path, length);
        }

        public void Dispose()
        {
            _disposed = true;
        }

        private SimFile Live()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _flash.Check();
            if (_epoch != _flash._epoch)
            {
                throw new InvalidOperationException("handle from before a reboot");
            }

            return _flash.Get(_path);
        }
    }
}
