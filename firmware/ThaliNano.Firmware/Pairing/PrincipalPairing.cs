using System;
using ThaliNano.Couch;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// Pairs a principal, optionally into a group, as one step: the way both POST /_pairing and field pairing over
    /// BLE pair. The key joins the group first, so the group's ACLs hold from its first request on, and leaves it again
    /// when the registry refuses (a group this call created then stays, empty).
    /// </summary>
    public sealed class PrincipalPairing
    {
        private readonly PairingRegistry _registry;
        private readonly CouchHandler _couch;

        public PrincipalPairing(PairingRegistry registry, CouchHandler couch)
        {
            if (registry == null || couch == null)
            {
                throw new ArgumentNullException(registry == null ? "registry" : "couch");
            }

            _registry = registry;
            _couch = couch;
        }

        /// <summary>
        /// Pairs the leaf certificate with <paramref name="secret"/> (and, with <paramref name="owner"/>, as the owner),
        /// in <paramref name="group"/> unless it is null. Throws <see cref="ArgumentException"/> with the reason for a
        /// certificate that is not a leaf or that the registry refuses; nothing is changed then.
        /// </summary>
        public PublicKeyId Pair(byte[] certificateDer, byte[] secret, string group, bool owner)
        {
            // Checked here as well as by the registry, so that a certificate it would refuse never touches a group.
            string notLeaf = CertificateConstraints.NonLeafReason(certificateDer);
            if (notLeaf != null)
            {
                throw new ArgumentException("it is " + notLeaf);
            }

            string key = PublicKeyId.FromCertificate(certificateDer).ToBase64Url();
            bool joined = group != null && _couch.SystemWrites.AddToGroup(group, key);
            try
            {
                return _registry.Pair(certificateDer, secret, owner);
            }
            catch (Exception)
            {
                if (joined)
                {
                    _couch.SystemWrites.RemoveFromGroup(group, key);
                }

                throw;
            }
        }
    }
}
