namespace ThaliNano.Http.Tests.Fakes;

/// <summary>A one-way blocking byte pipe: writes never block, reads wait for bytes or for the writer to finish.</summary>
public sealed class Pipe
{
    private readonly object sync = new();
    private readonly Queue<byte[]> chunks = new();
    private byte[]? current;
    private int currentOffset;
    private bool writerDone;
    private bool broken;

    public void Write(byte[] buffer, int offset, int count)
    {
        if (count == 0)
        {
            return;
        }

        lock (sync)
        {
            if (broken || writerDone)
            {
                throw new IOException("pipe closed");
            }

            chunks.Enqueue(buffer.AsSpan(offset, count).ToArray());
            Monitor.PulseAll(sync);
        }
    }

    /// <summary>Blocks until bytes arrive (returns them), the writer finished (0) or the pipe broke (IOException).</summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds = Timeout.Infinite)
    {
        lock (sync)
        {
            DateTime deadline = timeoutMilliseconds == Timeout.Infinite ? DateTime.MaxValue : DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
            while (true)
            {
                if (broken)
                {
                    throw new IOException("pipe broken");
                }

                if (current == null && chunks.Count > 0)
                {
                    current = chunks.Dequeue();
                    currentOffset = 0;
                }

                if (current != null)
                {
                    int n = Math.Min(count, current.Length - currentOffset);
                    Array.Copy(current, currentOffset, buffer, offset, n);
                    currentOffset += n;
                    if (currentOffset == current.Length)
                    {
                        current = null;
                    }

                    return n;
                }

                if (writerDone)
                {
                    return 0;
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new IOException("read timed out");
                }

                Monitor.Wait(sync, left > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : left);
            }
        }
    }

    /// <summary>The writer is done: readers get the rest, then end of stream.</summary>
    public void CompleteWriting()
    {
        lock (sync)
        {
            writerDone = true;
            Monitor.PulseAll(sync);
        }
    }

    /// <summary>Fails every pending and future read and write (a reset connection).</summary>
    public void Break()
    {
        lock (sync)
        {
            broken = true;
            Monitor.PulseAll(sync);
        }
    }
}
