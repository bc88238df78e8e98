using System;
using ThaliNano.Store;

namespace ThaliNano.Sensors.Sampling
{
    /// <summary>
    /// Reads the sensors periodically and writes one document per reading into the readings database, at a pace set
    /// by the battery (<see cref="DutyCyclePolicy"/>). The caller owns the timing: it calls <see cref="RunCycle"/> and
    /// waits the milliseconds it returns (the device's sampling thread sleeps; tests advance a virtual clock).
    /// A sensor that fails is skipped for that cycle and counted; a write the store refuses is counted; neither
    /// stops the sampler. Document ids are "&lt;device&gt;-&lt;sensor&gt;-&lt;UTC seconds, 10 digits&gt;", which sort by time;
    /// they need a set clock, so cycles before <see cref="EarliestValidUtcSeconds"/> write nothing and are counted.
    /// Not thread-safe: one sampling thread. Between cycles it keeps only its settings and counters: the document writer
    /// and the batch are made per cycle (a sample comes every minute or so; on a board without PSRAM the half kilobyte
    /// they held for the next one was worth more than the allocations).
    /// </summary>
    public sealed class Sampler
    {
        /// <summary>2024-01-01T00:00:00Z: a clock before it has not been set (SNTP not reached yet).</summary>
        public const uint EarliestValidUtcSeconds = 1704067200;

        /// <summary>The longest device id: ids stay well within the store's id limit.</summary>
        public const int MaxDeviceIdLength = 32;

        private const string NoticeName = "sampler";

        private readonly Database _readings;
        private readonly string _deviceId;
        private readonly ISampledSensor[] _sensors;
        private readonly IBatteryGauge _battery;
        private readonly DutyCyclePolicy _policy;
        private readonly IClock _clock;
        private readonly ReadingFields _fields = new ReadingFields();

        /// <param name="deviceId">1 to 32 of [a-z0-9-]: the first part of every document id.</param>
        public Sampler(Database readings, string deviceId, ISampledSensor[] sensors, IBatteryGauge battery, DutyCyclePolicy policy, IClock clock)
        {
            RequireNotNull(readings, "readings");
            RequireNotNull(sensors, "sensors");
            RequireNotNull(battery, "battery");
            RequireNotNull(policy, "policy");
            RequireNotNull(clock, "clock");
            RequireIdPart(deviceId, MaxDeviceIdLength, true, "deviceId");
            for (int i = 0; i < sensors.Length; i++)
            {
                RequireNotNull(sensors[i], "sensors");
                RequireIdPart(sensors[i].Name, 16, false, "sensors");
                if (sensors[i].Name == NoticeName)
                {
                    throw new ArgumentException("\"sampler\" names the notices, not a sensor", "sensors");
                }
            }

            _readings = readings;
            _deviceId = deviceId;
            _sensors = sensors;
            _battery = battery;
            _policy = policy;
            _clock = clock;
        }

        public SamplerState State { get; private set; }

        public int Cycles { get; private set; }

        public int ReadingsWritten { get; private set; }

        /// <summary>Readings not taken because a sensor failed (one per sensor and cycle).</summary>
        public int SensorErrors { get; private set; }

        /// <summary>Documents the store refused (full, read-only, an id taken after the clock went back).</summary>
        public int WriteFailures { get; private set; }

        public int ClockNotSetCycles { get; private set; }

        /// <summary>The last problem, for diagnostics; null until one happens.</summary>
        public string LastError { get; private set; }

        /// <summary>Runs one cycle: checks the battery, measures each sensor, writes the documents in one commit. Returns the milliseconds to wait.</summary>
        public int RunCycle()
        {
            Cycles++;
            int battery = _battery.Percent;
            if (State == SamplerState.StoppedLowBattery)
            {
                if (!_policy.AllowsResume(battery))
                {
                    return _policy.RecheckMilliseconds;
                }

                State = SamplerState.Sampling;
            }
            else if (_policy.IsBelowFloor(battery))
            {
                State = SamplerState.StoppedLowBattery;
                LastError = "battery at " + battery.ToString() + " %, under the floor of " + _policy.FloorPercent.ToString() + " %: sampling stopped";
                uint at = _clock.UtcSeconds;
                if (ClockIsSet(at))
                {
                    WriteBatch notice = new WriteBatch();
                    notice.Put(DocumentId(NoticeName, at), null, new ReadingDocumentWriter().StoppedNotice(battery, _policy.FloorPercent, at), false);
                    Commit(notice, false);
                }

                return _policy.RecheckMilliseconds;
            }

            uint now = _clock.UtcSeconds;
            if (!ClockIsSet(now))
            {
                return _policy.IntervalMilliseconds(battery);
            }

            WriteBatch batch = new WriteBatch();
            ReadingDocumentWriter documents = new ReadingDocumentWriter();
            for (int i = 0; i < _sensors.Length; i++)
            {
                ISampledSensor sensor = _sensors[i];
                _fields.Clear();
                try
                {
                    sensor.Measure(_fields);
                }
                catch (SensorException e)
                {
                    SensorErrors++;
                    LastError = sensor.Name + ": " + e.Message;
                    continue;
                }

                batch.Put(DocumentId(sensor.Name, now), null, documents.Reading(sensor.Name, _fields, now, battery), false);
            }

            Commit(batch, true);
            return _policy.IntervalMilliseconds(battery);
        }

        private bool ClockIsSet(uint now)
        {
            if (now >= EarliestValidUtcSeconds)
            {
                return true;
            }

            ClockNotSetCycles++;
            LastError = "the clock is not set: nothing written";
            return false;
        }

        private void Commit(WriteBatch batch, bool readings)
        {
            if (batch.Count == 0)
            {
                return;
            }

            WriteResult[] results;
            try
            {
                results = _readings.Commit(batch);
            }
            catch (StoreException e)
            {
                WriteFailures += batch.Count;
                LastError = "readings database: " + e.Message;
                return;
            }

            for (int i = 0; i < results.Length; i++)
            {
                if (!results[i].Ok)
                {
                    WriteFailures++;
                    LastError = results[i].Id + ": " + results[i].Error.Message;
                }
                else if (readings)
                {
                    ReadingsWritten++;
                }
            }
        }

        private string DocumentId(string name, uint at)
        {
            return _deviceId + "-" + name + "-" + at.ToString("D10");
        }

        private static void RequireNotNull(object value, string parameter)
        {
            if (value == null)
            {
                throw new ArgumentNullException(parameter);
            }
        }

        private static void RequireIdPart(string part, int maxLength, bool allowHyphen, string parameter)
        {
            bool valid = part != null && part.Length >= 1 && part.Length <= maxLength;
            for (int i = 0; valid && i < part.Length; i++)
            {
                char c = part[i];
                valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (allowHyphen && c == '-');
            }

            if (!valid)
            {
                throw new ArgumentException(
                    "must be 1 to " + maxLength.ToString() + " of a-z, 0-9" + (allowHyphen ? " and -" : string.Empty),
                    parameter);
            }
        }
    }
}
