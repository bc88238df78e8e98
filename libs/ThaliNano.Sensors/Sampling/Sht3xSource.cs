using ThaliNano.Sensors.Sht3x;

namespace ThaliNano.Sensors.Sampling
{
    /// <summary>An SHT3x for the sampler: "celsius" and "rh".</summary>
    public sealed class Sht3xSource : ReinitializingSource
    {
        private readonly Sht3xSensor _sensor;

        public Sht3xSource(Sht3xSensor sensor)
        {
            if (sensor == null)
            {
                throw new System.ArgumentNullException("sensor");
            }

            _sensor = sensor;
        }

        public override string Name
        {
            get { return "sht3x"; }
        }

        protected override void Initialize()
        {
            _sensor.Initialize();
        }

        protected override void Read(ReadingFields fields)
        {
            Sht3xReading reading = _sensor.Measure();
            fields.Add("celsius", reading.CentiCelsius);
            fields.Add("rh", reading.CentiPercentRelativeHumidity);
        }
    }
}
