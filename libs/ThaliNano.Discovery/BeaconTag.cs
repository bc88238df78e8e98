using ThaliNano.Identity;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// The 7-byte tag: HMAC-SHA256 under the fleet's tag subkey over version || encrypted block, truncated
    /// (encrypt-then-MAC). Managed HMAC costs three SHA-256 compressions per tag and allocates two 32-byte arrays.
    /// </summary>
    internal sealed class BeaconTag
    {
        private readonly HmacSha256 _hmac;

        public BeaconTag(FleetKey fleetKey)
        {
            _hmac = new HmacSha256(fleetKey.TagKey);
        }

        /// <summary>Writes the tag of payload[0, TagOffset) into payload[TagOffset, +TagBytes).</summary>
        public void Write(byte[] payload)
        {
            byte[] mac = Compute(payload);
            for (int i = 0; i < BeaconFormat.TagBytes; i++)
            {
                payload[BeaconFormat.TagOffset + i] = mac[i];
            }
        }

        /// <summary>Whether payload carries the tag of its first TagOffset bytes, compared in constant time.</summary>
        public bool Verify(byte[] payload)
        {
            byte[] mac = Compute(payload);
            int difference = 0;
            for (int i = 0; i < BeaconFormat.TagBytes; i++)
            {
                difference |= mac[i] ^ payload[BeaconFormat.TagOffset + i];
            }

            return difference == 0;
        }

        private byte[] Compute(byte[] payload)
        {
            _hmac.Append(payload, 0, BeaconFormat.TagOffset);
            return _hmac.GetMacAndReset();
        }
    }
}
