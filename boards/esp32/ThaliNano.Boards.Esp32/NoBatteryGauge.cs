using ThaliNano.Sensors.Sampling;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// A board without a battery gauge: the charge is unknown (-1), so readings carry no "battery" field, the beacon
    /// reports no level and the sampler takes its unknown-charge pace (8 × the base interval). A board with a divider on
    /// an ADC pin or a fuel-gauge chip replaces this with its own <see cref="IBatteryGauge"/>.
    /// </summary>
    public sealed class NoBatteryGauge : IBatteryGauge
    {
        public int Percent
        {
            get { return -1; }
        }
    }
}
