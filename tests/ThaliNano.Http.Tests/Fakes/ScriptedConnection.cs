using System.Text;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>
/// A connection whose client side is a fixed script of bytes, handed to the server in pieces of the given sizes
/// (cycled), then end of stream; everything the server writes is captured.
/// </summary>
public sealed class ScriptedConnection : IConnection
{
    private readonly ScriptStream _stream;

    public ScriptedConnection(byte[] script, params int[] pieceSizes)
    {
        _stream = new ScriptStream(script, pieceSizes.Length == 0 ? new[] { int.MaxValue } : pieceSizes);
    }

    public ScriptedConnection(string script, params int[] pieceSizes)
        : this(Encoding.Latin1.GetBytes(script), pieceSizes)
    {
    }

    public Stream Stream => _stream;

    public string? Principal { get; set; }

    public string RemoteEndPoint => "scripted";

    public bool Closed { get; private set; }

    public byte[] Written => _stream.Written.ToArray();

    public string WrittenText => Encoding.Latin1.GetString(Written);

    /// <summary>How many script bytes the server consumed.</summary>
    public int Consumed => _stream.Consumed;

    public void Open()
    {
    }

    public void Close() => Closed = true;

    private sealed class ScriptStream : FakeStream
    {
        private readonly byte[] _script;
        private readonly int[] _pieces;
        private int _piece;

        public ScriptStream(byte[] script, int[] pieces)
        {
            this._script = script;
            this._pieces = pieces;
        }

        public MemoryStream Written { get; } = new();

        public int Consumed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int size = _pieces[_piece++ % _pieces.Length];
            int n = Math.Min(Math.Min(count, size), _script.Length - Consumed);
            Array.Copy(_script, Consumed, buffer, offset, n);
            Consumed += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }
}
