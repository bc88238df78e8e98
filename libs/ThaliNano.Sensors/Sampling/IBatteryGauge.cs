namespace ThaliNano.Sensors.Sampling
{
    /// <summary>
    /// The battery's state of charge as the board measures it (an ADC on a divider and the cell's discharge curve,
    /// or a fuel-gauge chip). A value outside 0..100 means unknown (no gauge, a failed read).
    /// </summary>
    public interface IBatteryGauge
    {
        int Percent { get; }
    }
}
