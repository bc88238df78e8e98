namespace ThaliNano.Mesh.Contact
{
    /// <summary>Why a contact ended before both round trips completed (None: it did not).</summary>
    public enum ContactRefusal
    {
        None = 0,

        /// <summary>A frame or record broke the format (bad magic, bad record, a record where it may not be).</summary>
        Malformed = 1,

        /// <summary>A frame or record exceeded its limit.</summary>
        TooLarge = 2,

        /// <summary>A frame version this node does not speak.</summary>
        BadVersion = 3,

        /// <summary>The hello named another node than the transport authenticated or the initiator expected.</summary>
        WrongPeer = 4,

        /// <summary>A frame of a phase the receiver did not expect.</summary>
        WrongPhase = 5,

        /// <summary>The peer may not contact this node.</summary>
        NotAllowed = 6,

        /// <summary>The link broke or the frame ended without its end record.</summary>
        Cut = 7,
    }
}
