namespace ThaliNano.Ble
{
    /// <summary>A central wrote <paramref name="value"/> to <paramref name="characteristic"/> over <paramref name="connection"/>.</summary>
    public delegate void GattWriteHandler(GattCharacteristic characteristic, BleConnection connection, byte[] value);
}
