namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// The contact protocol over BLE: a GATT message channel (ThaliNano.Ble's <c>GattMessageChannel</c> on the sensor,
    /// <c>GattMessageClient</c> on the phone) carrying the same frames as HTTPS. The phone writes the request frame's
    /// fragments to <see cref="RequestUuid"/> and gets the reply frame as notifications of <see cref="ResponseUuid"/>.
    /// </summary>
    public static class MeshGatt
    {
        public const string ServiceUuid = "6f1a0101-8c3b-4f5e-9a7d-2b1e5c4d3a90";
        public const string RequestUuid = "6f1a0102-8c3b-4f5e-9a7d-2b1e5c4d3a90";
        public const string ResponseUuid = "6f1a0103-8c3b-4f5e-9a7d-2b1e5c4d3a90";

        /// <summary>
        /// The largest message the channel carries (its 16-bit length field): over BLE both ends announce at most this
        /// as their inbound frame limit.
        /// </summary>
        public const int MaxFrameBytes = 65535;
    }
}
