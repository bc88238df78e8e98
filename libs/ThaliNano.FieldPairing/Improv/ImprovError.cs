namespace ThaliNano.FieldPairing.Improv
{
    /// <summary>The Improv "Error State" characteristic's values (Improv BLE 2.x).</summary>
    public enum ImprovError
    {
        None = 0x00,
        InvalidRpcPacket = 0x01,
        UnknownRpcCommand = 0x02,
        UnableToConnect = 0x03,
        NotAuthorized = 0x04,
        Unknown = 0xFF,
    }
}
