namespace ThaliNano.Store
{
    /// <summary>Wall-clock time for record timestamps (tombstone retention). Seconds since 1970-01-01 UTC.</summary>
    public interface IClock
    {
        uint UtcSeconds { get; }
    }
}
