using System;
using ThaliNano.Identity;

namespace ThaliNano.FieldPairing
{
    /// <summary>What pairing gave the technician: its key id on the hub and the hub's httpkey URL.</summary>
    public sealed class FieldPairingGrant
    {
        public FieldPairingGrant(PublicKeyId keyId, string hubUrl)
        {
            if (keyId == null)
            {
                throw new ArgumentNullException("keyId");
            }

            if (hubUrl == null)
            {
                throw new ArgumentNullException("hubUrl");
            }

            KeyId = keyId;
            HubUrl = hubUrl;
        }

        public PublicKeyId KeyId { get; private set; }

        /// <summary>The hub's httpkey URL (<see cref="HttpKeyUrl"/>).</summary>
        public string HubUrl { get; private set; }
    }
}
