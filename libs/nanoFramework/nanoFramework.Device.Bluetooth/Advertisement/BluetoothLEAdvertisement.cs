// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/Advertisement/BluetoothLEAdvertisement.cs). Signatures only; never used at run time.

using System;
using System.Collections;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>
    /// Sections are packed greedily into the 31-byte advertisement, the ones that do not fit into the 31-byte scan
    /// response; ManufacturerData entries become sections appended after DataSections when the packet is built.
    /// </summary>
    public class BluetoothLEAdvertisement
    {
        public BluetoothLEAdvertisement() => throw null;

        /// <summary>ArrayList of BluetoothLEAdvertisementDataSection.</summary>
        public ArrayList DataSections => throw null;

        public string LocalName
        {
            get => throw null;
            set => throw null;
        }

        /// <summary>Setting it adds (or replaces) the flags section.</summary>
        public BluetoothLEAdvertisementFlags Flags
        {
            get => throw null;
            set => throw null;
        }

        /// <summary>ArrayList of BluetoothLEManufacturerData.</summary>
        public ArrayList ManufacturerData => throw null;

        /// <summary>Read-only: filled from received advertisements; add a UUID list as a data section to send one.</summary>
        public Guid[] ServiceUuids => throw null;

        public ArrayList GetSectionsByType(byte type) => throw null;
        public ArrayList GetManufacturerDataByCompanyId(ushort companyId) => throw null;
    }
}
