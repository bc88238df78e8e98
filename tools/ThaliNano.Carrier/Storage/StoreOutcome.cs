namespace ThaliNano.Carrier.Storage;

/// <summary>What <see cref="CarrierStore.Take"/> did with a bundle.</summary>
public enum StoreOutcome
{
    /// <summary>Stored and committed; a custody acknowledgement to the sender is owed.</summary>
    Stored,

    /// <summary>Already held: still one copy, with the larger of the two copy counts; an acknowledgement is owed.</summary>
    AlreadyHeld,

    /// <summary>Refused: a known receipt says the destination has it.</summary>
    Receipted,

    /// <summary>Refused: no room, and every held bundle ranks above it in the drop order (nothing was dropped).</summary>
    BufferFull,

    /// <summary>Refused: larger than the whole buffer.</summary>
    TooLarge,
}
