namespace ThaliNano.Identity
{
    /// <summary>The hub's paired principals, as the proof verifier needs them.</summary>
    public interface IProofKeyring
    {
        /// <summary>The key paired under this id, or null when the id is not paired. Return the same instance every time:
        /// it carries the principal's replay window.</summary>
        ProofKey Find(PublicKeyId id);
    }
}
