using System.Text;
using ThaliNano.Http;

namespace ThaliNano.Tests.Fakes;

/// <summary>
/// One client connection in memory: the server reads the request bytes (then end of stream) and everything it writes
/// is captured; the test can read the output while the server is still writing (streamed feeds) and wait for the close.
/// </summary>
public sealed class ClientConnection : IConnection
{
    private readonly ManualResetEventSlim _closed = new(false);
    private readonly CaptureStream _stream;

    public ClientConnection(byte[] request, string? principal)
    {
        _stream = new CaptureStream(request);
        Principal = principal;
    }

    /// <summary>Makes the server's writes block once this many bytes were written, until <see cref="Release"/>: a client that stops reading.</summary>
    public void StallAfter(long bytes) => _stream.StallAfter = bytes;

    /// <summary>True while a server write is blocked by <see cref="StallAfter"/>.</summary>
    public bool Stalled => _stream.Stalled;

    public void Release() => _stream.Release();

    public Stream Stream => _stream;

    public string? Principal { get; }

    public string RemoteEndPoint => "test";

    /// <summary>Bytes written by the server so far.</summary>
    public byte[] Written => _stream.Snapshot();

    public string WrittenText => Encoding.UTF8.GetString(Written);

    public void Open()
    {
    }

    public void Close() => _closed.Set();

    public bool WaitClosed(TimeSpan timeout) => _closed.Wait(timeout);

    /// <summary>Waits until the output contains <paramref name="text"/>; false on timeout.</summary>
    public bool WaitFor(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (WrittenText.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            Thread.Sleep(5);
        }

        return WrittenText.Contains(text, StringComparison.Ordinal);
    }

    private sealed class CaptureStream(byte[] request) : Stream
    {
        private readonly MemoryStream _output = new();
        private readonly ManualResetEventSlim _released = new(false);
        private int _read;

        public long StallAfter { get; set; } = long.MaxValue;

        public bool Stalled { get; private set; }

        public void Release()
        {
            StallAfter = long.MaxValue;
            _released.Set();
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public byte[] Snapshot()
        {
            lock (_output)
            {
                return _output.ToArray();
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, request.Length - _read);
            Array.Copy(request, _read, buffer, offset, n);
            _read += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_output)
            {
                _output.Write(buffer, offset, count);
            }

            if (_output.Length >= StallAfter)
            {
                Stalled = true;
                _released.Wait(TimeSpan.FromSeconds(30));
                Stalled = false;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
