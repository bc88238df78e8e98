namespace ThaliNano.Boards.Host;

/// <summary>
/// One hub process per data folder: an exclusive lock on <c>&lt;data&gt;/hub.lock</c>, held while the folder is open (to
/// serve, or only to pair or list), released by the operating system when the process ends however it ends. Two
/// processes on one folder would both acknowledge writes into the same files and corrupt the store; and pairing
/// changes made beside a running hub would be invisible to it. The holder writes its pid, and once it serves its
/// port, to <c>hub.pid</c> so the refused process can say who holds the folder.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string LockFileName = "hub.lock";
    public const string InfoFileName = "hub.pid";

    private readonly FileStream _lock;
    private readonly string _infoPath;

    private DataFolderLock(FileStream lockStream, string infoPath)
    {
        _lock = lockStream;
        _infoPath = infoPath;
    }

    /// <summary>Takes the folder's lock or throws <see cref="DataFolderInUseException"/> naming the holder when known.</summary>
    public static DataFolderLock Acquire(string folder)
    {
        string lockPath = Path.Combine(folder, LockFileName);
        string infoPath = Path.Combine(folder, InfoFileName);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix and a sharing lock on Windows: both die with the process.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DataFolderInUseException(folder, ReadInfo(infoPath), e);
        }

        var folderLock = new DataFolderLock(stream, infoPath);
        folderLock.Record(null);
        return folderLock;
    }

    /// <summary>Records the port the holder serves on, for the message another process gets.</summary>
    public void Record(int? port) =>
        File.WriteAllText(_infoPath, "pid " + Environment.ProcessId + (port is int p ? "\nport " + p : "") + "\n");

    public void Dispose()
    {
        File.Delete(_infoPath);
        _lock.Dispose();
    }

    private static HolderInfo ReadInfo(string infoPath)
    {
        int? pid = null, port = null;
        try
        {
            foreach (string line in File.ReadAllLines(infoPath))
            {
                string[] parts = line.Split(' ');
                if (parts.Length == 2 && int.TryParse(parts[1], out int value))
                {
                    pid = parts[0] == "pid" ? value : pid;
                    port = parts[0] == "port" ? value : port;
                }
            }
        }
        catch (IOException)
        {
            // The holder has not written it yet, or is removing it: the message goes without the pid.
        }

        return new HolderInfo(pid, port);
    }

    /// <summary>What the lock holder recorded about itself.</summary>
    public sealed record HolderInfo(int? Pid, int? Port);
}

/// <summary>The data folder is held by another hub process (<see cref="DataFolderLock"/>).</summary>
public sealed class DataFolderInUseException : IOException
{
    public DataFolderInUseException(string folder, DataFolderLock.HolderInfo holder, Exception inner)
        : base("the data folder " + folder + " is in use by another hub process"
            + (holder.Pid is int pid ? " (pid " + pid + (holder.Port is int port ? ", serving on port " + port : "") + ")" : "")
            + ": one process per data folder", inner)
    {
        Folder = folder;
        Holder = holder;
    }

    public string Folder { get; }

    public DataFolderLock.HolderInfo Holder { get; }
}
