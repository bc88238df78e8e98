using System;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// Makes a device's beacons: fresh-looking manufacturer data for every (slot, counter), which only holders of the
    /// fleet key can resolve to the device. Not thread-safe. Per <see cref="Encode"/> it allocates the 24-byte payload
    /// and, inside the managed HMAC, two 32-byte arrays; on the device nanoFramework's AES adds one 16-byte array.
    /// </summary>
    public sealed class BeaconEncoder
    {
        private readonly byte[] _deviceId;
        private readonly IBlockCipher _cipher;
        private readonly BeaconTag _tag;
        private readonly byte[] _block = new byte[BeaconFormat.BlockBytes];
        private bool _hasEncoded;
        private uint _lastCounter;

        public BeaconEncoder(FleetKey fleetKey, byte[] deviceId)
            : this(fleetKey, deviceId, BeaconFormat.TestCompanyId)
        {
        }

        /// <param name="fleetKey">the fleet's shared key</param>
        /// <param name="deviceId">the device's stable 8-byte id (e.g. the first 8 bytes of its key id)</param>
        /// <param name="companyId">the company id the radio puts before the payload</param>
        public BeaconEncoder(FleetKey fleetKey, byte[] deviceId, ushort companyId)
        {
            if (fleetKey == null)
            {
                throw new ArgumentNullException("fleetKey");
            }

            if (deviceId == null || deviceId.Length != BeaconBlock.DeviceIdBytes)
            {
                throw new ArgumentException("a device id is 8 bytes", "deviceId");
            }

            _deviceId = (byte[])deviceId.Clone();
            _cipher = new AesBlockCipher(fleetKey.IdKey);
            _tag = new BeaconTag(fleetKey);
            CompanyId = companyId;
        }

        public ushort CompanyId { get; }

        /// <summary>
        /// The manufacturer data (<see cref="BeaconFormat.PayloadBytes"/> bytes) of the beacon for this slot.
        /// </summary>
        /// <param name="slot">the current time slot, 0 to <see cref="BeaconFormat.MaxSlot"/> (see BeaconFormat.SlotAt)</param>
        /// <param name="counter">
        /// greater than every counter this device used before, also across restarts (the caller persists it): a
        /// repeated plaintext would repeat the beacon and link two sightings, and resolvers refuse older counters
        /// </param>
        /// <param name="hints">what the fleet should know about the device</param>
        public byte[] Encode(uint slot, uint counter, BeaconHints hints)
        {
            if (slot > BeaconFormat.MaxSlot)
            {
                throw new ArgumentOutOfRangeException("slot", "a slot is 24 bits");
            }

            if (hints == null)
            {
                throw new ArgumentNullException("hints");
            }

            if (_hasEncoded && counter <= _lastCounter)
            {
                throw new ArgumentException("the counter must grow: " + counter.ToString() + " after " + _lastCounter.ToString(), "counter");
            }

            byte[] payload = new byte[BeaconFormat.PayloadBytes];
            payload[BeaconFormat.VersionOffset] = BeaconFormat.Version;
            BeaconBlock.Write(_block, _deviceId, slot, counter, hints.ToByte());
            _cipher.EncryptBlock(_block, 0, payload, BeaconFormat.BlockOffset);
            _tag.Write(payload);
            _hasEncoded = true;
            _lastCounter = counter;
            return payload;
        }
    }
}
