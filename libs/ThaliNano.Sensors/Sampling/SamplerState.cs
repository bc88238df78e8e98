namespace ThaliNano.Sensors.Sampling
{
    public enum SamplerState
    {
        Sampling,

        /// <summary>The battery fell under the policy's floor; a notice document said so.</summary>
        StoppedLowBattery,
    }
}
