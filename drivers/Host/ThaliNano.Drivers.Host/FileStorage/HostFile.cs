using ThaliNano.Store;
using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.FileStorage;

/// <summary>
/// An open host file: positional reads, appends at the end, Sync = FileStream.Flush(true) (fsync). A disk-full error
/// cuts the file back to where the append started and throws <see cref="InsufficientStorageException"/>.
/// </summary>
internal sealed class HostFile : IStorageFile
{
    private readonly HostFileStorage _owner;
    private readonly FileStream _stream;
    private bool _created;

    public HostFile(HostFileStorage owner, FileStream stream, bool created)
    {
        _owner = owner;
        _stream = stream;
        _created = created;
    }

    // The stream's own copy of the full path: an open file holds one path string, not two.
    private string FullPath => _stream.Name;

    public long Length => _stream.Length;

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        _stream.Seek(position, SeekOrigin.Begin);
        int total = 0;
        while (total < count)
        {
            int n = _stream.Read(buffer, offset + total, count - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    public void Append(byte[] buffer, int offset, int count)
    {
        long before = _stream.Seek(0, SeekOrigin.End);
        try
        {
            _stream.Write(buffer, offset, count);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            // A write the disk could only partly take: cutting it off frees what it took and leaves the file as it was.
            _stream.SetLength(before);
            throw DiskFull.Exception(FullPath, e);
        }
        finally
        {
            _owner.Written(FullPath);
        }
    }

    public void Sync()
    {
        try
        {
            _stream.Flush(_owner.Durable);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            throw DiskFull.Exception(FullPath, e);
        }

        _owner.Synced(FullPath, _created);
        _created = false;
    }

    public bool TryTruncate(long length)
    {
        if (length < _stream.Length)
        {
            _stream.SetLength(length);
            _owner.Written(FullPath);
        }

        return true;
    }

    public void Dispose() => _stream.Dispose();
}
