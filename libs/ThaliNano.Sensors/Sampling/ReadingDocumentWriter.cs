using System.IO;
using ThaliNano.Json;

namespace ThaliNano.Sensors.Sampling
{
    /// <summary>
    /// Writes the bodies of the readings database's documents (the store adds _id and _rev):
    /// a reading {"sensor":"sht3x","celsius":21.53,"rh":45.20,"timestamp":1764745200,"battery":87}
    /// and the low-battery notice {"sensor":"sampler","event":"stopped","battery":8,"floor":10,"timestamp":…}.
    /// Values are fixed-point with two decimals, the timestamp is UTC seconds, "battery" is left out when unknown.
    /// The stream, JSON buffer and number buffer are reused: each body allocates only its own byte array.
    /// </summary>
    public sealed class ReadingDocumentWriter
    {
        private readonly MemoryStream _stream = new MemoryStream();
        private readonly JsonWriter _json;
        private readonly byte[] _number = new byte[FixedPoint.MaxLength];

        public ReadingDocumentWriter()
        {
            _json = new JsonWriter(_stream, 128);
        }

        public byte[] Reading(string sensor, ReadingFields fields, uint timestamp, int batteryPercent)
        {
            Begin(sensor);
            for (int i = 0; i < fields.Count; i++)
            {
                _json.WritePropertyName(fields.NameAt(i));
                int count = FixedPoint.Format(fields.HundredthsAt(i), _number);
                _json.WriteRawValue(_number, 0, count);
            }

            return End(timestamp, batteryPercent);
        }

        public byte[] StoppedNotice(int batteryPercent, int floorPercent, uint timestamp)
        {
            Begin("sampler");
            _json.WritePropertyName("event");
            _json.WriteString("stopped");
            _json.WritePropertyName("floor");
            _json.WriteNumber(floorPercent);
            return End(timestamp, batteryPercent);
        }

        private void Begin(string sensor)
        {
            _stream.SetLength(0);
            _stream.Position = 0;
            _json.Reset();
            _json.WriteStartObject();
            _json.WritePropertyName("sensor");
            _json.WriteString(sensor);
        }

        private byte[] End(uint timestamp, int batteryPercent)
        {
            _json.WritePropertyName("timestamp");
            _json.WriteNumber(timestamp);
            if (DutyCyclePolicy.IsKnown(batteryPercent))
            {
                _json.WritePropertyName("battery");
                _json.WriteNumber(batteryPercent);
            }

            _json.WriteEndObject();
            _json.Flush();
            return _stream.ToArray();
        }
    }
}
