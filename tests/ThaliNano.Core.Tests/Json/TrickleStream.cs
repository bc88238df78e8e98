namespace ThaliNano.Core.Tests.Json;

/// <summary>A read-only stream that hands out its bytes a few at a time, as a network stream may.</summary>
public sealed class TrickleStream(byte[] data, Func<int> nextChunkSize) : Stream
{
    private int _position;

    public static TrickleStream OneByteAtATime(byte[] data) => new(data, () => 1);

    public static TrickleStream RandomChunks(byte[] data, int seed)
    {
        var random = new Random(seed);
        return new TrickleStream(data, () => random.Next(1, 40));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var length = Math.Min(Math.Min(count, nextChunkSize()), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, length);
        _position += length;
        return length;
    }

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
