namespace ThaliNano.Sensors.Sampling
{
    /// <summary>A sensor as the <see cref="Sampler"/> sees it: a name and one measurement at a time.</summary>
    public interface ISampledSensor
    {
        /// <summary>The document's "sensor" field and part of its id: lowercase letters and digits.</summary>
        string Name { get; }

        /// <summary>Measures once into <paramref name="fields"/> (cleared by the caller); throws <see cref="SensorException"/>.</summary>
        void Measure(ReadingFields fields);
    }
}
