using System;
using System.Threading;
using ThaliNano.Discovery;
using ThaliNano.Firmware.Field;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Store;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Device
{
    /// <summary>
    /// The whole device, composed once for every board: the pairing registry opened on its own root and quota, the
    /// <see cref="Hub"/> with the board profile's limits (caches, connections, quotas, leaves, mesh bundle size), its BLE
    /// face (<see cref="HubRadio"/>: beacon, field pairing, Improv, mesh contacts) when the profile runs BLE, and the
    /// sampler writing readings. Construct it (the registry opens: the board may provision and observe it), then
    /// <see cref="Start"/>, then <see cref="Run"/> the periodic work on one thread (sampling, beacon rotation) until
    /// <see cref="Stop"/>. Tests drive <see cref="RunDueWork"/> with virtual clocks instead of <see cref="Run"/>.
    /// </summary>
    public sealed class DeviceHub
    {
        /// <summary>How often the beacon's hints are looked at (a change is advertised at once, a new slot too).</summary>
        public const int BeaconCheckMilliseconds = 5000;

        /// <summary>
        /// How often the databases left alone since the previous time give back their cached index pages and read buffers
        /// (<see cref="DocumentStore.ReleaseIdleCaches"/>): a database unused for 10-20 s holds no page between requests.
        /// Also the longest wait of the periodic work when nothing else runs (no BLE, no sensors).
        /// </summary>
        public const int CacheReleaseMilliseconds = 10000;

        /// <summary>
        /// <see cref="Run"/> wakes at least this often, so that an uptime derived from the wall clock (the ESP32 has no
        /// other: ThaliNano.Http.MonotonicClock) can tell an SNTP step from time that passed.
        /// </summary>
        public const int MaxWaitMilliseconds = 30000;

        private readonly object _sync = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly DeviceHubOptions _options;
        private readonly IClock _clock;
        private Hub _hub;
        private HubRadio _radio;
        private Sampler _sampler;
        private long _nextSample;
        private long _nextBeacon;
        private long _nextCacheRelease;
        private bool _started;
        private bool _stopped;

        /// <summary>
        /// Checks the options and opens the pairing registry (and makes the hub's uuid on its first use). Throws
        /// <see cref="ArgumentException"/> for options that contradict the profile.
        /// </summary>
        public DeviceHub(DeviceHubOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            _options = options;
            _clock = options.Clock != null ? options.Clock : new SystemClock();
            if (options.Mesh != null)
            {
                options.Profile.ApplyMeshLimits(options.Mesh.Source);
            }

            Registry = PairingRegistry.Open(options.RegistryStorage, options.Profile.CreateRegistryStoreOptions(), options.Random);
            Registry.EnsureHubUuid(RandomBytes(16));
            Configuration = options.Profile.CreateConfiguration();
            Configuration.Registry = Registry;
            Configuration.HubKeyId = options.HubKeyId;
            Configuration.DirectoryUrls = options.HubUrls;
            Configuration.DisplayName = options.DisplayName;
            Configuration.Mesh = options.Mesh;
        }

        /// <summary>The pairing registry, open from construction on (owner provisioning, the CA bundle's observer); closed by <see cref="Stop"/>.</summary>
        public PairingRegistry Registry { get; }

        /// <summary>The hub's configuration from the profile; a board may change it (logs, status sources) before <see cref="Start"/>.</summary>
        public HubConfiguration Configuration { get; }

        /// <summary>The running hub, after <see cref="Start"/>.</summary>
        public Hub Hub
        {
            get { return _hub; }
        }

        /// <summary>The BLE face, after <see cref="Start"/>; null when the profile runs no BLE.</summary>
        public HubRadio Radio
        {
            get { return _radio; }
        }

        /// <summary>The sampler, after <see cref="Start"/>; null without sensors.</summary>
        public Sampler Sampler
        {
            get { return _sampler; }
        }

        /// <summary>
        /// Starts the hub, then its BLE face (the pairing window opens while a field token waits: the label is unused), then
        /// the sampler on the readings database (created when missing). The first <see cref="RunDueWork"/> samples and
        /// advertises at once. Once per object.
        /// </summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_started)
                {
                    throw new InvalidOperationException("the device hub was already started");
                }

                _started = true;
                Configuration.EpochRandom = RandomBytes(16);
                Hub hub = new Hub(Configuration, _options.StoreStorage, _options.Listener);
                hub.Start();
                _hub = hub;
                try
                {
                    if (_options.Profile.Ble)
                    {
                        string url = _options.HubUrls != null && _options.HubUrls.Length > 0 ? _options.HubUrls[0] : null;
                        _radio = new HubRadio(hub, Registry, _options.HubKeyId, _options.Advertiser, _options.Gatt, _options.FleetKey, _options.Uptime,
                            _options.Random, _options.Wifi, url);
                        if (_radio.Tokens.LoadTokenKey() != null)
                        {
                            _radio.Window.Open();
                        }
                    }

                    if (_options.HasSensors)
                    {
                        _sampler = new Sampler(ReadingsOf(hub.Store), ReadingsDeviceId(), _options.Sensors, _options.Battery,
                            new DutyCyclePolicy(_options.SamplingSeconds, _options.BatteryFloorPercent), _clock);
                    }

                    // Opening, recovery and the first writes left every database's pages cached: a request reloads what it needs.
                    hub.Store.ReleaseCaches();
                    Registry.ReleaseCaches();
                }
                catch
                {
                    hub.Stop();
                    throw;
                }

                long now = _options.Uptime.NowMilliseconds;
                _nextSample = now;
                _nextBeacon = now;
                _nextCacheRelease = now + CacheReleaseMilliseconds;
            }
        }

        /// <summary>
        /// Does the periodic work that is due (a sampling cycle; the beacon's rotation when its slot or hints changed; the idle
        /// databases' caches given back) and returns the milliseconds until the next is due. After <see cref="Stop"/> it does nothing and returns 0.
        /// </summary>
        public int RunDueWork()
        {
            lock (_sync)
            {
                if (!_started)
                {
                    throw new InvalidOperationException("start the device hub first");
                }

                if (_stopped)
                {
                    return 0;
                }

                long now = _options.Uptime.NowMilliseconds;
                if (now >= _nextCacheRelease)
                {
                    _hub.Store.ReleaseIdleCaches();
                    Registry.ReleaseIdleCaches();
                    _nextCacheRelease = now + CacheReleaseMilliseconds;
                }

                long next = _nextCacheRelease;
                if (_sampler != null)
                {
                    if (now >= _nextSample)
                    {
                        _nextSample = now + _sampler.RunCycle();
                    }

                    next = Earlier(next, _nextSample);
                }

                if (_radio != null)
                {
                    if (now >= _nextBeacon)
                    {
                        _radio.Refresh(BeaconFormat.SlotAt(_clock.UtcSeconds), BatteryLevel());
                        _nextBeacon = now + BeaconCheckMilliseconds;
                    }

                    next = Earlier(next, _nextBeacon);
                }

                return (int)(next - now);
            }
        }

        /// <summary>Runs the periodic work on the calling thread until <see cref="Stop"/> (the device's main thread).</summary>
        public void Run()
        {
            while (true)
            {
                int wait = RunDueWork();
                lock (_sync)
                {
                    if (_stopped)
                    {
                        return;
                    }
                }

                _wake.WaitOne(wait < MaxWaitMilliseconds ? wait : MaxWaitMilliseconds, false);
            }
        }

        /// <summary>Stops serving after any periodic work in progress, ends <see cref="Run"/>, closes store and registry. Idempotent.</summary>
        public void Stop()
        {
            lock (_sync)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                if (_hub != null)
                {
                    _hub.Stop();
                }
                else
                {
                    _options.Listener.Close();
                }

                Registry.Dispose();
            }

            _wake.Set();
        }

        /// <summary>The beacon's battery hint for a charge: 0 unknown, 1 low (under 20 %), 2 medium (under 50 %), 3 high.</summary>
        public static int BatteryLevelOf(int percent)
        {
            if (!DutyCyclePolicy.IsKnown(percent))
            {
                return 0;
            }

            if (percent < DutyCyclePolicy.StretchEndPercent)
            {
                return 1;
            }

            return percent < DutyCyclePolicy.FullRatePercent ? 2 : 3;
        }

        private static long Earlier(long a, long b)
        {
            return a < b ? a : b;
        }

        private int BatteryLevel()
        {
            return _options.Battery == null ? 0 : BatteryLevelOf(_options.Battery.Percent);
        }

        private string ReadingsDeviceId()
        {
            return _options.ReadingsDeviceId != null ? _options.ReadingsDeviceId : Hex.Encode(BeaconAdvertising.DeviceIdOf(_options.HubKeyId));
        }

        private static Database ReadingsOf(DocumentStore store)
        {
            return store.DatabaseExists(DeviceHubOptions.ReadingsDatabase)
                ? store.OpenDatabase(DeviceHubOptions.ReadingsDatabase)
                : store.CreateDatabase(DeviceHubOptions.ReadingsDatabase);
        }

        private byte[] RandomBytes(int count)
        {
            byte[] bytes = new byte[count];
            _options.Random.NextBytes(bytes);
            return bytes;
        }
    }
}
