namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// The mesh contact GATT service: a carrier writes a contact request frame in fragments to <see cref="RequestUuid"/>
    /// and gets the reply frame as notifications of <see cref="ResponseUuid"/> (ThaliNano.Ble's message channel), the
    /// same frames as <c>POST /_mesh/contact</c>.
    /// </summary>
    public static class MeshGatt
    {
        public const string ServiceUuid = "6f1a0010-8c3b-4f5e-9a7d-2b1e5c4d3a90";
        public const string RequestUuid = "6f1a0011-8c3b-4f5e-9a7d-2b1e5c4d3a90";
        public const string ResponseUuid = "6f1a0012-8c3b-4f5e-9a7d-2b1e5c4d3a90";
    }
}
