namespace ThaliNano.Http.Tests.Fakes;

/// <summary>A one-way blocking byte pipe: writes never block, reads wait for bytes or for the writer to finish.</summary>
public sealed class Pipe
{
    private readonly object _sync = new();
    private readonly Queue<byte[]> _chunks = new();
    private byte[]? _current;
    private int _currentOffset;
    private bool _writerDone;
    private bool _broken;

    public void Write(byte[] buffer, int offset, int count)
    {
        if (count == 0)
        {
            return;
        }

        lock (_sync)
        {
            if (_broken || _writerDone)
            {
                throw new IOException("pipe closed");
            }

            _chunks.Enqueue(buffer.AsSpan(offset, count).ToArray());
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Blocks until bytes arrive (returns them), the writer finished (0) or the pipe broke (IOException).</summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds = Timeout.Infinite)
    {
        lock (_sync)
        {
            DateTime deadline = timeoutMilliseconds == Timeout.Infinite ? DateTime.MaxValue : DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
            while (true)
            {
                if (_broken)
                {
                    throw new IOException("pipe broken");
                }

                if (_current == null && _chunks.Count > 0)
                {
                    _current = _chunks.Dequeue();
                    _currentOffset = 0;
                }

                if (_current != null)
                {
                    int n = Math.Min(count, _current.Length - _currentOffset);
                    Array.Copy(_current, _currentOffset, buffer, offset, n);
                    _currentOffset += n;
                    if (_currentOffset == _current.Length)
                    {
                        _current = null;
                    }

                    return n;
                }

                if (_writerDone)
                {
                    return 0;
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new IOException("read timed out");
                }

                Monitor.Wait(_sync, left > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : left);
            }
        }
    }

    /// <summary>The writer is done: readers get the rest, then end of stream.</summary>
    public void CompleteWriting()
    {
        lock (_sync)
        {
            _writerDone = true;
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Fails every pending and future read and write (a reset connection).</summary>
    public void Break()
    {
        lock (_sync)
        {
            _broken = true;
            Monitor.PulseAll(_sync);
        }
    }
}
