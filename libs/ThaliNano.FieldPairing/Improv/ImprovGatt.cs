namespace ThaliNano.FieldPairing.Improv
{
    /// <summary>The Improv BLE service's UUIDs (https://www.improv-wifi.com/ble/), for the GATT transport.</summary>
    public static class ImprovGatt
    {
        public const string ServiceUuid = "00467768-6228-2272-4663-277478268000";
        public const string CurrentStateUuid = "00467768-6228-2272-4663-277478268001";
        public const string ErrorStateUuid = "00467768-6228-2272-4663-277478268002";
        public const string RpcCommandUuid = "00467768-6228-2272-4663-277478268003";
        public const string RpcResultUuid = "00467768-6228-2272-4663-277478268004";
        public const string CapabilitiesUuid = "00467768-6228-2272-4663-277478268005";

        /// <summary>The 16-bit service data UUID advertised with state and capabilities (Improv 2.0).</summary>
        public const ushort ServiceDataUuid = 0x4677;

        public const byte SendWifiSettings = 0x01;
        public const byte Identify = 0x02;
        public const byte DeviceInfo = 0x03;
        public const byte ScanWifi = 0x04;
    }
}
