using System;
using ThaliNano.FieldPairing;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Field
{
    /// <summary>
    /// What field pairing pairs a technician into: the hub's registry, through <see cref="PrincipalPairing"/>. A role
    /// is membership of the group of that name in the plural ("reader" joins group:readers, "writer" group:writers), so
    /// the owner's ACLs decide what each role may do; a requested group is joined as named. Admin rights are never
    /// granted in the field: a label in a technician's hands is not the owner's consent.
    /// </summary>
    public sealed class RegistryPairingTarget : IFieldPairingTarget
    {
        private readonly PrincipalPairing _pairing;

        public RegistryPairingTarget(PrincipalPairing pairing)
        {
            if (pairing == null)
            {
                throw new ArgumentNullException("pairing");
            }

            _pairing = pairing;
        }

        /// <summary>The httpkey URL a newly paired technician is told (the board sets it once its address is known).</summary>
        public string HubUrl { get; set; }

        public FieldPairingGrant Pair(byte[] certificateDer, byte[] secret, string role, string group)
        {
            if (HubUrl == null)
            {
                throw new ArgumentException("the hub has no address yet: provision Wi-Fi first");
            }

            if (role == "admin")
            {
                throw new ArgumentException("admin rights are not granted in the field: the owner grants them over /_pairing");
            }

            PublicKeyId key;
            try
            {
                key = _pairing.Pair(certificateDer, secret, group != null ? group : role + "s", false);
            }
            catch (DerFormatException e)
            {
                throw new ArgumentException("the certificate is not strict DER X.509: " + e.Message);
            }

            return new FieldPairingGrant(key, HubUrl);
        }
    }
}
