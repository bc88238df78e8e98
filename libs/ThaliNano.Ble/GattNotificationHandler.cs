namespace ThaliNano.Ble
{
    /// <summary>The peripheral notified <paramref name="value"/> on a subscribed characteristic.</summary>
    public delegate void GattNotificationHandler(IGattClient client, byte[] value);
}
