using System.Text;
using ThaliNano.Hashing;
using ThaliNano.Identity;

namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The session key and the chained transcript hash every proof and MAC covers (README, "Transcript"):
    /// each step hashes the previous hash, the previous step's proof and the new message up to its own proof, so a
    /// proof binds the whole conversation so far, both nonces included.
    /// </summary>
    internal sealed class PairingTranscript
    {
        private static readonly byte[] s_sessionLabel = Encoding.UTF8.GetBytes("session");
        private static readonly byte[] s_deviceLabel = Encoding.UTF8.GetBytes("device");
        private static readonly byte[] s_technicianLabel = Encoding.UTF8.GetBytes("technician");
        private static readonly byte[] s_grantedLabel = Encoding.UTF8.GetBytes("granted");

        private readonly byte[] _sessionKey;
        private readonly Sha256 _sha = new Sha256();
        private byte[] _hash;

        /// <summary>Starts at the challenge: h1 = SHA-256(hello ‖ challenge without its proof).</summary>
        public PairingTranscript(byte[] tokenKey, byte[] hello, byte[] challenge)
        {
            HmacSha256 keyMac = new HmacSha256(tokenKey);
            keyMac.Append(s_sessionLabel, 0, s_sessionLabel.Length);
            keyMac.Append(hello, 2, FieldPairingMessage.NonceSize);
            keyMac.Append(challenge, 1, FieldPairingMessage.NonceSize);
            _sessionKey = keyMac.GetMacAndReset();

            _sha.Append(hello, 0, hello.Length);
            _sha.Append(challenge, 0, 1 + FieldPairingMessage.NonceSize);
            _hash = _sha.GetHashAndReset();
        }

        public byte[] DeviceProof()
        {
            return Mac(s_deviceLabel);
        }

        /// <summary>h2 = SHA-256(h1 ‖ device proof ‖ request without its proof); the technician's proof.</summary>
        public byte[] TechnicianProof(byte[] deviceProof, byte[] request, int lengthWithoutProof)
        {
            Advance(deviceProof, request, lengthWithoutProof);
            return Mac(s_technicianLabel);
        }

        /// <summary>h3 = SHA-256(h2 ‖ technician proof ‖ grant without its MAC); the grant's MAC.</summary>
        public byte[] GrantMac(byte[] technicianProof, byte[] grant, int lengthWithoutMac)
        {
            Advance(technicianProof, grant, lengthWithoutMac);
            return Mac(s_grantedLabel);
        }

        private void Advance(byte[] previousProof, byte[] message, int count)
        {
            _sha.Append(_hash, 0, _hash.Length);
            _sha.Append(previousProof, 0, previousProof.Length);
            _sha.Append(message, 0, count);
            _hash = _sha.GetHashAndReset();
        }

        private byte[] Mac(byte[] label)
        {
            HmacSha256 mac = new HmacSha256(_sessionKey);
            mac.Append(label, 0, label.Length);
            mac.Append(_hash, 0, _hash.Length);
            return mac.GetMacAndReset();
        }
    }
}
