namespace ThaliNano.Core.Tests.Json;

/// <summary>Hands out its bytes a few at a time, as a network stream may.</summary>
public sealed class TrickleStream(byte[] data, Func<int> nextChunkSize) : ReadOnlyStream
{
    private int _position;

    public static TrickleStream OneByteAtATime(byte[] data) => new(data, () => 1);

    public static TrickleStream RandomChunks(byte[] data, int seed)
    {
        var random = new Random(seed);
        return new TrickleStream(data, () => random.Next(1, 40));
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var length = Math.Min(Math.Min(count, nextChunkSize()), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, length);
        _position += length;
        return length;
    }
}
