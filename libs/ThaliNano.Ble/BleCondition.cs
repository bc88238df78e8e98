namespace ThaliNano.Ble
{
    /// <summary>A condition a caller waits for while the radio keeps delivering notifications.</summary>
    public delegate bool BleCondition();
}
