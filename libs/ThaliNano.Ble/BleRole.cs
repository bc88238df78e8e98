namespace ThaliNano.Ble
{
    /// <summary>What the radio is doing: it advertises and serves, or it scans and connects out, never both.</summary>
    public enum BleRole
    {
        Idle = 0,

        /// <summary>Advertising, or serving GATT connections a central opened.</summary>
        Peripheral = 1,

        /// <summary>Scanning, or holding connections this radio opened.</summary>
        Central = 2,
    }
}
