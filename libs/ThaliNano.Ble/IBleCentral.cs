namespace ThaliNano.Ble
{
    /// <summary>Connecting out to peripherals. A connection claims the central role until it is closed.</summary>
    public interface IBleCentral
    {
        /// <summary>Connects and negotiates the MTU; blocks until connected.</summary>
        /// <exception cref="BleException">The peripheral is out of range or not connectable, or the radio is a peripheral.</exception>
        IGattClient Connect(string address);
    }
}
