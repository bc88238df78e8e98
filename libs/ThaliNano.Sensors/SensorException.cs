using System;

namespace ThaliNano.Sensors
{
    /// <summary>A sensor gave no reading; <see cref="Fault"/> says why. Drivers never return a value they did not measure.</summary>
    public class SensorException : Exception
    {
        public SensorException(SensorFault fault, string message)
            : base(message)
        {
            Fault = fault;
        }

        public SensorFault Fault { get; private set; }
    }
}
