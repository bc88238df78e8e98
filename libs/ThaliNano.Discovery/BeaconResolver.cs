using System;
using System.Collections;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// Turns manufacturer data back into a device id and hints for fleet members: one HMAC check, then one AES
    /// decryption, no per-device trial. Refuses (never throws on) anything that is not a fresh beacon of this fleet,
    /// and remembers the highest counter of each device it accepted, so older beacons replayed are refused. Not
    /// thread-safe. Per accepted beacon it allocates the reading, its 8-byte id and hints, two 32-byte arrays in the
    /// HMAC, and on the device one 16-byte array in AES; a device seen for the first time adds a table entry.
    /// </summary>
    public sealed class BeaconResolver
    {
        public const int DefaultSlotWindow = 1;
        public const int DefaultMaxDevices = 64;

        private readonly IBlockCipher _cipher;
        private readonly BeaconTag _tag;
        private readonly byte[] _block = new byte[BeaconFormat.BlockBytes];
        private readonly Hashtable _sightings = new Hashtable();
        private readonly int _maxDevices;

        public BeaconResolver(FleetKey fleetKey)
            : this(fleetKey, BeaconFormat.TestCompanyId, DefaultSlotWindow, DefaultMaxDevices)
        {
        }

        /// <param name="fleetKey">the fleet's shared key</param>
        /// <param name="companyId">the company id the fleet advertises under; callers pass only its manufacturer data</param>
        /// <param name="slotWindow">how many slots a beacon's slot may lie before or after the current one (clock skew)</param>
        /// <param name="maxDevices">devices whose counters are remembered; beyond it the one seen longest ago is forgotten</param>
        public BeaconResolver(FleetKey fleetKey, ushort companyId, int slotWindow, int maxDevices)
            : this(fleetKey, companyId, slotWindow, maxDevices, fleetKey == null ? null : new AesBlockCipher(fleetKey.IdKey))
        {
        }

        internal BeaconResolver(FleetKey fleetKey, ushort companyId, int slotWindow, int maxDevices, IBlockCipher idCipher)
        {
            if (fleetKey == null)
            {
                throw new ArgumentNullException("fleetKey");
            }

            if (slotWindow < 0)
            {
                throw new ArgumentOutOfRangeException("slotWindow", "the slot window cannot be negative");
            }

            if (maxDevices < 1)
            {
                throw new ArgumentOutOfRangeException("maxDevices", "the resolver must remember at least one device");
            }

            _cipher = idCipher;
            _tag = new BeaconTag(fleetKey);
            CompanyId = companyId;
            SlotWindow = slotWindow;
            _maxDevices = maxDevices;
        }

        public ushort CompanyId { get; }

        public int SlotWindow { get; }

        /// <summary>Devices whose highest counter is remembered.</summary>
        public int TrackedDevices => _sightings.Count;

        public bool TryResolve(byte[] manufacturerData, uint currentSlot, out BeaconReading reading)
        {
            return Resolve(manufacturerData, currentSlot, out reading) == BeaconRejection.None;
        }

        /// <summary>Resolves manufacturer data (after the company id) seen at <paramref name="currentSlot"/>.</summary>
        /// <returns><see cref="BeaconRejection.None"/> and the reading, or why it was refused and a null reading;
        /// a refused beacon changes nothing.</returns>
        public BeaconRejection Resolve(byte[] manufacturerData, uint currentSlot, out BeaconReading reading)
        {
            reading = null;
            if (manufacturerData == null || manufacturerData.Length != BeaconFormat.PayloadBytes)
            {
                return BeaconRejection.WrongLength;
            }

            if (manufacturerData[BeaconFormat.VersionOffset] != BeaconFormat.Version)
            {
                return BeaconRejection.UnknownVersion;
            }

            if (!_tag.Verify(manufacturerData))
            {
                return BeaconRejection.BadTag;
            }

            _cipher.DecryptBlock(manufacturerData, BeaconFormat.BlockOffset, _block, 0);
            uint slot = BeaconBlock.Slot(_block);
            uint counter = BeaconBlock.Counter(_block);
            long distance = (long)slot - currentSlot;
            if (distance < -SlotWindow)
            {
                return BeaconRejection.StaleSlot;
            }

            if (distance > SlotWindow)
            {
                return BeaconRejection.FutureSlot;
            }

            long deviceKey = BeaconBlock.DeviceKey(_block);
            DeviceSighting sighting = (DeviceSighting)_sightings[deviceKey];
            if (sighting != null && counter < sighting.Counter)
            {
                return BeaconRejection.ReplayedCounter;
            }

            bool isRepeat = sighting != null && counter == sighting.Counter;
            if (sighting == null)
            {
                MakeRoom();
                _sightings[deviceKey] = new DeviceSighting(slot, counter);
            }
            else
            {
                sighting.Slot = slot;
                sighting.Counter = counter;
            }

            byte[] deviceId = new byte[BeaconBlock.DeviceIdBytes];
            Array.Copy(_block, deviceId, deviceId.Length);
            reading = new BeaconReading(deviceId, slot, counter, BeaconHints.FromByte(_block[BeaconBlock.HintsOffset]), isRepeat);
            return BeaconRejection.None;
        }

        /// <summary>
        /// Forgets the device seen in the oldest slot when the table is full. Only authentic beacons reach the table,
        /// so only fleet members can fill it; a forgotten device's older beacons are then refused by the slot window
        /// alone.
        /// </summary>
        private void MakeRoom()
        {
            if (_sightings.Count < _maxDevices)
            {
                return;
            }

            object oldestKey = null;
            uint oldestSlot = uint.MaxValue;
            foreach (DictionaryEntry entry in _sightings)
            {
                DeviceSighting candidate = (DeviceSighting)entry.Value;
                if (oldestKey == null || candidate.Slot < oldestSlot)
                {
                    oldestKey = entry.Key;
                    oldestSlot = candidate.Slot;
                }
            }

            _sightings.Remove(oldestKey);
        }
    }
}
