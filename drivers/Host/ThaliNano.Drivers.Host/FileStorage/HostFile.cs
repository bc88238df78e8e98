using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Host.FileStorage;

/// <summary>An open host file: positional reads, appends at the end, Sync = FileStream.Flush(true) (fsync).</summary>
internal sealed class HostFile : IStorageFile
{
    private readonly HostFileStorage _owner;
    private readonly string _path;
    private readonly FileStream _stream;
    private bool _created;

    public HostFile(HostFileStorage owner, string path, FileStream stream, bool created)
    {
        _owner = owner;
        _path = path;
        _stream = stream;
        _created = created;
    }

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
        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(buffer, offset, count);
        _owner.Written(_path);
    }

    public void Sync()
    {
        _stream.Flush(_owner.Durable);
        _owner.Synced(_path, _created);
        _created = false;
    }

    public void Dispose() => _stream.Dispose();
}
