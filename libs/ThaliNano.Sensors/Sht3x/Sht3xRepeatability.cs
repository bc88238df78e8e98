namespace ThaliNano.Sensors.Sht3x
{
    /// <summary>
    /// Repeatability of a single-shot measurement (datasheet table 4): higher repeatability converts longer and
    /// draws more charge; the driver waits the maximum conversion time of the chosen level.
    /// </summary>
    public enum Sht3xRepeatability
    {
        /// <summary>0.04 °C / 0.08 %RH repeatability, at most 15 ms.</summary>
        High,

        /// <summary>0.08 °C / 0.15 %RH, at most 6 ms.</summary>
        Medium,

        /// <summary>0.15 °C / 0.21 %RH, at most 4 ms.</summary>
        Low,
    }
}
