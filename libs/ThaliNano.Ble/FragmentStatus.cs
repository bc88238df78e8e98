namespace ThaliNano.Ble
{
    /// <summary>What one fragment did to a <see cref="MessageAssembler"/>.</summary>
    public enum FragmentStatus
    {
        /// <summary>Garbage: empty, out of sequence, past the declared length, or a continuation with no first fragment. A partial message it interrupted is dropped too.</summary>
        Ignored = 0,

        /// <summary>Part of a message that is not complete yet.</summary>
        Partial = 1,

        /// <summary>The message is complete: read <see cref="MessageAssembler.Message"/>.</summary>
        Complete = 2,

        /// <summary>A first fragment declaring more than the assembler's maximum; nothing was allocated.</summary>
        TooLarge = 3,
    }
}
