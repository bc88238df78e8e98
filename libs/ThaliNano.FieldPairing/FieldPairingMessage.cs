namespace ThaliNano.FieldPairing
{
    /// <summary>The first byte of every message, and the protocol's limits (README, "Messages").</summary>
    public static class FieldPairingMessage
    {
        public const byte Hello = 0x01;
        public const byte Challenge = 0x02;
        public const byte PairRequest = 0x03;
        public const byte Granted = 0x04;
        public const byte Refusal = 0x7F;

        public const byte Version = 1;
        public const int NonceSize = 16;
        public const int MacSize = 32;
        public const int HelloSize = 2 + NonceSize;
        public const int ChallengeSize = 1 + NonceSize + MacSize;

        public const int MaxRoleLength = 64;
        public const int MaxGroupNameLength = MaxRoleLength - 6;
        public const int MaxCertificateLength = 2048;
        public const int MaxPairRequestSize = 1 + 1 + MaxRoleLength + 2 + MaxCertificateLength + MacSize;
        public const int MaxHubUrlLength = 1024;
        public const int MaxRefusalTextLength = 200;

        public const string GroupPrefix = "group:";
    }
}
