namespace ThaliNano.Sensors.Sampling
{
    /// <summary>
    /// A sampled sensor that initializes its part before the first measurement and again after any failure, so that a
    /// part that was unplugged, reset or browned out comes back by itself.
    /// </summary>
    public abstract class ReinitializingSource : ISampledSensor
    {
        private bool _ready;

        public abstract string Name { get; }

        public void Measure(ReadingFields fields)
        {
            try
            {
                if (!_ready)
                {
                    Initialize();
                    _ready = true;
                }

                Read(fields);
            }
            catch (SensorException)
            {
                _ready = false;
                throw;
            }
        }

        protected abstract void Initialize();

        protected abstract void Read(ReadingFields fields);
    }
}
