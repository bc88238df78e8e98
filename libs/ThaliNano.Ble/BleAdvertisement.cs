using System;
using System.Text;

namespace ThaliNano.Ble
{
    /// <summary>
    /// The content of one legacy advertising packet or scan response: manufacturer data under a company id, an
    /// optional complete local name and 128-bit service UUIDs. Each part becomes one AD structure (length, type,
    /// data); an advertising packet also starts with the 3-byte flags structure, a scan response does not. A legacy
    /// packet holds at most 31 bytes of AD structures (Bluetooth Core, Vol 3 Part C 11).
    /// </summary>
    public sealed class BleAdvertisement
    {
        public const int MaxLegacyPayload = 31;

        /// <summary>Flags (type 0x01): LE General Discoverable, BR/EDR not supported.</summary>
        public const byte DiscoverableFlags = 0x06;

        private static readonly Guid[] s_noUuids = new Guid[0];

        private readonly byte[] _manufacturerData;
        private readonly Guid[] _serviceUuids;

        /// <param name="manufacturerData">Null for a packet without manufacturer data.</param>
        /// <param name="localName">Null for none.</param>
        /// <param name="serviceUuids">Null for none.</param>
        public BleAdvertisement(ushort companyId, byte[] manufacturerData, string localName, Guid[] serviceUuids)
        {
            CompanyId = companyId;
            _manufacturerData = manufacturerData;
            LocalName = localName == null || localName.Length == 0 ? null : localName;
            _serviceUuids = serviceUuids ?? s_noUuids;
        }

        public ushort CompanyId { get; }

        /// <summary>Null when the packet carries none.</summary>
        public byte[] ManufacturerData => _manufacturerData;

        public bool HasManufacturerData => _manufacturerData != null;

        public string LocalName { get; }

        /// <summary>Never null.</summary>
        public Guid[] ServiceUuids => _serviceUuids;

        /// <summary>The bytes this content takes as AD structures, with or without the flags structure.</summary>
        public int LegacySize(bool withFlags)
        {
            int size = withFlags ? 3 : 0;
            if (_manufacturerData != null)
            {
                size += 4 + _manufacturerData.Length;
            }

            if (LocalName != null)
            {
                size += 2 + Encoding.UTF8.GetBytes(LocalName).Length;
            }

            if (_serviceUuids.Length > 0)
            {
                size += 2 + (16 * _serviceUuids.Length);
            }

            return size;
        }

        /// <summary>
        /// Refuses, with the sizes in the message, an advertisement (with flags) or scan response (without) that does
        /// not fit a legacy packet. The scan response may be null.
        /// </summary>
        public static void EnsureFitsLegacy(BleAdvertisement advertisement, BleAdvertisement scanResponse)
        {
            if (advertisement == null)
            {
                throw new ArgumentNullException("advertisement");
            }

            int size = advertisement.LegacySize(true);
            if (size > MaxLegacyPayload)
            {
                throw new ArgumentException("the advertisement takes " + size + " bytes with flags; a legacy packet holds " + MaxLegacyPayload);
            }

            if (scanResponse != null && scanResponse.LegacySize(false) > MaxLegacyPayload)
            {
                throw new ArgumentException("the scan response takes " + scanResponse.LegacySize(false) + " bytes; a legacy packet holds " + MaxLegacyPayload);
            }
        }

        /// <summary>The AD structures as sent over the air (what a scanner receives).</summary>
        public byte[] Encode(bool withFlags)
        {
            byte[] bytes = new byte[LegacySize(withFlags)];
            int at = 0;
            if (withFlags)
            {
                bytes[at++] = 2;
                bytes[at++] = AdType.Flags;
                bytes[at++] = DiscoverableFlags;
            }

            if (_manufacturerData != null)
            {
                bytes[at++] = (byte)(3 + _manufacturerData.Length);
                bytes[at++] = AdType.ManufacturerSpecificData;
                bytes[at++] = (byte)CompanyId;
                bytes[at++] = (byte)(CompanyId >> 8);
                Array.Copy(_manufacturerData, 0, bytes, at, _manufacturerData.Length);
                at += _manufacturerData.Length;
            }

            if (LocalName != null)
            {
                byte[] name = Encoding.UTF8.GetBytes(LocalName);
                bytes[at++] = (byte)(1 + name.Length);
                bytes[at++] = AdType.CompleteLocalName;
                Array.Copy(name, 0, bytes, at, name.Length);
                at += name.Length;
            }

            if (_serviceUuids.Length > 0)
            {
                bytes[at++] = (byte)(1 + (16 * _serviceUuids.Length));
                bytes[at++] = AdType.CompleteServiceUuids128;
                for (int i = 0; i < _serviceUuids.Length; i++)
                {
                    BleUuid.Write(_serviceUuids[i], bytes, at);
                    at += 16;
                }
            }

            return bytes;
        }

        /// <summary>
        /// Reads received AD structures (advertising data, or advertising data followed by the scan response).
        /// Unknown structure types are skipped; a malformed packet (a length running past the end, a zero-length
        /// manufacturer section, a UUID list that is not a multiple of 16 bytes, more than 62 bytes) gives null,
        /// never an exception, so a scanner can drop garbage from the air.
        /// </summary>
        public static BleAdvertisement TryParse(byte[] bytes)
        {
            if (bytes == null || bytes.Length > 2 * MaxLegacyPayload)
            {
                return null;
            }

            ushort companyId = 0;
            byte[] manufacturerData = null;
            string localName = null;
            Guid[] uuids = null;
            int at = 0;
            while (at < bytes.Length)
            {
                int length = bytes[at];
                if (length == 0)
                {
                    // Zero padding ends the significant part (Vol 3 Part C 11).
                    break;
                }

                if (at + 1 + length > bytes.Length)
                {
                    return null;
                }

                byte type = bytes[at + 1];
                int dataStart = at + 2;
                int dataLength = length - 1;
                if (type == AdType.ManufacturerSpecificData)
                {
                    if (dataLength < 2 || manufacturerData != null)
                    {
                        return null;
                    }

                    companyId = (ushort)(bytes[dataStart] | (bytes[dataStart + 1] << 8));
                    manufacturerData = new byte[dataLength - 2];
                    Array.Copy(bytes, dataStart + 2, manufacturerData, 0, manufacturerData.Length);
                }
                else if (type == AdType.CompleteLocalName || type == AdType.ShortenedLocalName)
                {
                    localName = Utf8OrNull(bytes, dataStart, dataLength);
                    if (localName == null)
                    {
                        return null;
                    }
                }
                else if (type == AdType.CompleteServiceUuids128 || type == AdType.IncompleteServiceUuids128)
                {
                    if (dataLength % 16 != 0)
                    {
                        return null;
                    }

                    uuids = new Guid[dataLength / 16];
                    for (int i = 0; i < uuids.Length; i++)
                    {
                        uuids[i] = BleUuid.Read(bytes, dataStart + (16 * i));
                    }
                }

                at += 1 + length;
            }

            return new BleAdvertisement(companyId, manufacturerData, localName, uuids);
        }

        private static string Utf8OrNull(byte[] bytes, int offset, int count)
        {
            try
            {
                return Encoding.UTF8.GetString(bytes, offset, count);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
