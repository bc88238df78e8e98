namespace ThaliNano.Ble
{
    /// <summary>A connection opened or closed.</summary>
    public delegate void BleConnectionHandler(BleConnection connection);
}
