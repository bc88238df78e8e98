namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The framing of a pair request: 0x03, role length (1 byte, 1..64), role, certificate length (2 bytes
    /// big-endian, 1..2048), certificate DER, technician proof (32 bytes). Offsets only: nothing is copied.
    /// </summary>
    internal sealed class PairRequestFrame
    {
        public const int RoleOffset = 2;

        private PairRequestFrame(int roleLength, int certificateOffset, int certificateLength, int proofOffset)
        {
            RoleLength = roleLength;
            CertificateOffset = certificateOffset;
            CertificateLength = certificateLength;
            ProofOffset = proofOffset;
        }

        public int RoleLength { get; private set; }

        public int CertificateOffset { get; private set; }

        public int CertificateLength { get; private set; }

        /// <summary>Where the proof starts: the length the proof covers.</summary>
        public int ProofOffset { get; private set; }

        /// <summary>Null with the reason in <paramref name="error"/> when the framing is wrong.</summary>
        public static PairRequestFrame Parse(byte[] request, out string error)
        {
            error = null;
            if (request.Length > FieldPairingMessage.MaxPairRequestSize)
            {
                error = "a pair request is at most " + FieldPairingMessage.MaxPairRequestSize.ToString() + " bytes";
                return null;
            }

            if (request.Length < RoleOffset)
            {
                error = "the pair request ends before its role";
                return null;
            }

            int roleLength = request[1];
            if (roleLength == 0 || roleLength > FieldPairingMessage.MaxRoleLength)
            {
                error = "the role is 1 to " + FieldPairingMessage.MaxRoleLength.ToString() + " bytes";
                return null;
            }

            int lengthOffset = RoleOffset + roleLength;
            if (request.Length < lengthOffset + 2)
            {
                error = "the pair request ends before its certificate length";
                return null;
            }

            int certificateLength = (request[lengthOffset] << 8) | request[lengthOffset + 1];
            if (certificateLength == 0 || certificateLength > FieldPairingMessage.MaxCertificateLength)
            {
                error = "the certificate is 1 to " + FieldPairingMessage.MaxCertificateLength.ToString() + " bytes";
                return null;
            }

            int proofOffset = lengthOffset + 2 + certificateLength;
            if (request.Length != proofOffset + FieldPairingMessage.MacSize)
            {
                error = "the pair request's length does not match its fields (a 32-byte proof ends it)";
                return null;
            }

            return new PairRequestFrame(roleLength, lengthOffset + 2, certificateLength, proofOffset);
        }
    }
}
