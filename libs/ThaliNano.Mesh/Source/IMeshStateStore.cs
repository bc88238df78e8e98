namespace ThaliNano.Mesh.Source
{
    /// <summary>
    /// Where a <see cref="SourceNode"/> keeps its state (the hub: a private record of its pairing registry, never served,
    /// so no client can forge it). <see cref="Save"/> is durable when it returns and replaces the whole record.
    /// </summary>
    public interface IMeshStateStore
    {
        /// <summary>The record last saved; null when none was ever saved.</summary>
        byte[] Load();

        /// <summary>Replaces the record, durably; throws when it cannot (the node then rolls back what it was about to do).</summary>
        void Save(byte[] state);
    }
}
