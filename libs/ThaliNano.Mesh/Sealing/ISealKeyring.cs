using ThaliNano.Identity;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>The destination's keys, one per source it shares a secret with.</summary>
    public interface ISealKeyring
    {
        /// <summary>The key shared with <paramref name="source"/>, or null.</summary>
        SealKey Find(PublicKeyId source);
    }
}
