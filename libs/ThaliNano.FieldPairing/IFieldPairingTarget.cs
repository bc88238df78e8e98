namespace ThaliNano.FieldPairing
{
    /// <summary>What the firmware pairs a technician into (its PairingRegistry and ACLs).</summary>
    public interface IFieldPairingTarget
    {
        /// <summary>
        /// Pairs the leaf certificate with the fresh proof secret and grants the role ("reader", "writer" or
        /// "admin"; null when a group is asked for) or adds the key to the group (null when a role is asked for).
        /// Durable when it returns. Throws <see cref="System.ArgumentException"/> with the reason to refuse.
        /// </summary>
        FieldPairingGrant Pair(byte[] certificateDer, byte[] secret, string role, string group);
    }
}
