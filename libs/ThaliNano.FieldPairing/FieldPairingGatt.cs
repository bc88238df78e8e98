namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The field pairing GATT service: the technician writes request fragments to <see cref="RequestUuid"/> and gets
    /// reply fragments as notifications of <see cref="ResponseUuid"/> (ThaliNano.Ble's message channel).
    /// </summary>
    public static class FieldPairingGatt
    {
        public const string ServiceUuid = "6f1a0001-8c3b-4f5e-9a7d-2b1e5c4d3a90";
        public const string RequestUuid = "6f1a0002-8c3b-4f5e-9a7d-2b1e5c4d3a90";
        public const string ResponseUuid = "6f1a0003-8c3b-4f5e-9a7d-2b1e5c4d3a90";

        /// <summary>Largest request: the pair request with the largest certificate, role and proof.</summary>
        public const int MaxRequestBytes = FieldPairingMessage.MaxPairRequestSize;

        /// <summary>Largest reply: the grant (key id, hub URL up to 1 KB, an RSA-4096 ciphertext, MAC).</summary>
        public const int MaxReplyBytes = 2048;
    }
}
