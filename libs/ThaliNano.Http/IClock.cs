namespace ThaliNano.Http
{
    /// <summary>Milliseconds that only move forward, for deadlines; the origin is arbitrary.</summary>
    public interface IClock
    {
        long Milliseconds { get; }
    }
}
