using System;
using ThaliNano.Ble;
using ThaliNano.Discovery;
using ThaliNano.FieldPairing.Improv;
using ThaliNano.Identity;

namespace ThaliNano.Firmware.Field
{
    /// <summary>
    /// Keeps the hub's private beacon on the air: each <see cref="Advertise"/> (at every slot change and whenever the
    /// hints change) encodes a fresh beacon and restarts the advertiser with it. The beacon counter grows across
    /// restarts without a flash write: it is the boot count in the high 16 bits and the advertisements of this boot in
    /// the low 16, so a boot advertises at most 65535 beacons (at one per 15-minute slot, almost two years); past that
    /// the last beacon stays on the air. In pairing mode the scan response lists the Improv service, as Improv
    /// clients look for it.
    /// </summary>
    public sealed class BeaconAdvertising
    {
        private const uint PerBoot = 0xFFFF;

        private static readonly BleAdvertisement s_improvScanResponse =
            new BleAdvertisement(0, null, null, new Guid[] { new Guid(ImprovGatt.ServiceUuid) });

        private readonly IBleAdvertiser _advertiser;
        private readonly BeaconEncoder _encoder;
        private readonly uint _first;
        private uint _used;

        public BeaconAdvertising(IBleAdvertiser advertiser, BeaconEncoder encoder, long boot)
        {
            if (advertiser == null || encoder == null)
            {
                throw new ArgumentNullException(advertiser == null ? "advertiser" : "encoder");
            }

            if (boot < 1 || boot > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("boot", "the beacon counter holds 65535 boots");
            }

            _advertiser = advertiser;
            _encoder = encoder;
            _first = (uint)boot << 16;
        }

        /// <summary>The 8-byte device id a hub's beacons carry: the first bytes of its key id (as its httpkey URL shows).</summary>
        public static byte[] DeviceIdOf(PublicKeyId hubKey)
        {
            byte[] id = new byte[8];
            Array.Copy(hubKey.ToByteArray(), id, id.Length);
            return id;
        }

        /// <summary>Beacons advertised since the start.</summary>
        public uint Advertised
        {
            get { return _used; }
        }

        /// <summary>Advertises a fresh beacon for <paramref name="slot"/>; false once this boot's counters are used up.</summary>
        public bool Advertise(uint slot, BeaconHints hints)
        {
            if (_used == PerBoot)
            {
                return false;
            }

            byte[] beacon = _encoder.Encode(slot, _first + _used + 1, hints);
            _used++;
            if (_advertiser.IsAdvertising)
            {
                _advertiser.Stop();
            }

            _advertiser.Start(new BleAdvertisement(_encoder.CompanyId, beacon, null, null), hints.PairingMode ? s_improvScanResponse : null);
            return true;
        }
    }
}
