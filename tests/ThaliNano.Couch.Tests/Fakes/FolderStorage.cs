using ThaliNano.Store.Storage;

namespace ThaliNano.Couch.Tests.Fakes;

/// <summary>The store's file system on a real folder (System.IO), counting syncs: what the host board will use.</summary>
public sealed class FolderStorage : IFileStorage
{
    private readonly string _root;
    private int _syncs;
    private long _readBytes;

    public FolderStorage(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    /// <summary>IStorageFile.Sync and SyncAll calls so far.</summary>
    public int Syncs => Volatile.Read(ref _syncs);

    /// <summary>Bytes read from files so far.</summary>
    public long ReadBytes => Interlocked.Read(ref _readBytes);

    public bool DirectoryExists(string path) => Directory.Exists(Full(path));

    public void CreateDirectory(string path) => Directory.CreateDirectory(Full(path));

    public void DeleteDirectory(string path) => Directory.Delete(Full(path));

    public string[] ListDirectories(string path) => Directory.GetDirectories(Full(path)).Select(Path.GetFileName).ToArray()!;

    public string[] ListFiles(string path) => Directory.GetFiles(Full(path)).Select(Path.GetFileName).ToArray()!;

    public bool FileExists(string path) => File.Exists(Full(path));

    public long GetFileLength(string path) => new FileInfo(Full(path)).Length;

    public void DeleteFile(string path)
    {
        if (File.Exists(Full(path)))
        {
            File.Delete(Full(path));
        }
    }

    public IStorageFile Open(string path) => new FolderFile(this, new FileStream(Full(path), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0));

    public IStorageFile Create(string path) => new FolderFile(this, new FileStream(Full(path), FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0));

    public void SyncAll() => Interlocked.Increment(ref _syncs);

    private string Full(string path) => path.Length == 0 ? _root : Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));

    private sealed class FolderFile(FolderStorage owner, FileStream stream) : IStorageFile
    {
        public long Length => stream.Length;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            if (position >= stream.Length)
            {
                return 0;
            }

            stream.Position = position;
            int n = stream.Read(buffer, offset, count);
            Interlocked.Add(ref owner._readBytes, n);
            return n;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            stream.Position = stream.Length;
            stream.Write(buffer, offset, count);
        }

        public void Sync()
        {
            stream.Flush(true);
            Interlocked.Increment(ref owner._syncs);
        }

        public void Dispose() => stream.Dispose();
    }
}
