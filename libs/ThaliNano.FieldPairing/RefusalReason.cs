namespace ThaliNano.FieldPairing
{
    /// <summary>Why the device refused a message; the byte after the refusal's type (README, "Refusals").</summary>
    public enum RefusalReason
    {
        /// <summary>Not a message of this protocol, a wrong length or a field outside its limits.</summary>
        Malformed = 1,

        /// <summary>The hello names a protocol version the device does not speak.</summary>
        UnsupportedVersion = 2,

        /// <summary>A message that is not the one this session expects next.</summary>
        OutOfOrder = 3,

        /// <summary>The session already succeeded or was refused; a new one needs a new connection.</summary>
        SessionOver = 4,

        /// <summary>Pairing mode is not open (press the button) or its window has expired.</summary>
        WindowClosed = 5,

        /// <summary>Too many wrong proofs in this window; locked until pairing mode is opened again.</summary>
        RateLimited = 6,

        /// <summary>The device has no unused token (it was used, or never provisioned).</summary>
        TokenUsed = 7,

        /// <summary>The technician's proof is wrong: not this token, or not this session's transcript.</summary>
        BadProof = 8,

        /// <summary>The certificate is not a leaf (CA, keyCertSign, or X.509 v1/v2).</summary>
        NotLeaf = 9,

        /// <summary>The certificate's key is not RSA of 2048 to 4096 bits with a small odd public exponent.</summary>
        UnsupportedKey = 10,

        /// <summary>The requested role is none of reader, writer, admin or group:NAME.</summary>
        UnknownRole = 11,

        /// <summary>The firmware refused to pair (the reason says why).</summary>
        PairingRefused = 12,

        /// <summary>The certificate is not a well-formed DER X.509 certificate.</summary>
        BadCertificate = 13,

        /// <summary>The device failed on its side; nothing was changed.</summary>
        Internal = 14,
    }
}
