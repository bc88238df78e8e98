namespace ThaliNano.Ble
{
    /// <summary>AD structure types used here (Bluetooth Assigned Numbers, 2.3 Common Data Types).</summary>
    public static class AdType
    {
        public const byte Flags = 0x01;
        public const byte IncompleteServiceUuids128 = 0x06;
        public const byte CompleteServiceUuids128 = 0x07;
        public const byte ShortenedLocalName = 0x08;
        public const byte CompleteLocalName = 0x09;
        public const byte ManufacturerSpecificData = 0xFF;
    }
}
