namespace ThaliNano.Store
{
    /// <summary>How a database treats concurrent edits (several live leaves).</summary>
    public enum ConflictPolicy
    {
        /// <summary>CouchDB: keep every branch; the winner is picked by the CouchDB rule, the rest are _conflicts.</summary>
        CouchDb = 0,

        /// <summary>
        /// Last writer wins: whenever a write leaves several live leaves, the leaf whose body has the highest
        /// timestamp (<see cref="DatabaseOptions.TimestampField"/>) stays and every other live leaf gets a deletion
        /// revision, computed deterministically so every replica doing the same converges on the same tree.
        /// </summary>
        LastWriterWins = 1,
    }
}
