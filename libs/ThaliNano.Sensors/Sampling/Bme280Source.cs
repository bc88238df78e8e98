using ThaliNano.Sensors.Bme280;

namespace ThaliNano.Sensors.Sampling
{
    /// <summary>A BME280 for the sampler: "celsius", then "rh" and "pa" unless their oversampling is Skipped.</summary>
    public sealed class Bme280Source : ReinitializingSource
    {
        private readonly Bme280Sensor _sensor;

        public Bme280Source(Bme280Sensor sensor)
        {
            if (sensor == null)
            {
                throw new System.ArgumentNullException("sensor");
            }

            _sensor = sensor;
        }

        public override string Name
        {
            get { return "bme280"; }
        }

        protected override void Initialize()
        {
            _sensor.Initialize();
        }

        protected override void Read(ReadingFields fields)
        {
            Bme280Reading reading = _sensor.Measure();
            fields.Add("celsius", reading.CentiCelsius);
            if (reading.HasHumidity)
            {
                fields.Add("rh", reading.CentiPercentRelativeHumidity);
            }

            if (reading.HasPressure)
            {
                fields.Add("pa", reading.CentiPascals);
            }
        }
    }
}
