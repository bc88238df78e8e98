namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// Where the firmware keeps the pairing token's verifier (<see cref="PairingToken.DeriveKey"/>), never the token.
    /// Both calls must be durable when they return.
    /// </summary>
    public interface ITokenStore
    {
        /// <summary>The 32-byte token key, or null when no token was provisioned or it has been used.</summary>
        byte[] LoadTokenKey();

        /// <summary>Forgets the token key: the token has paired a technician and may not pair another.</summary>
        void ConsumeToken();
    }
}
