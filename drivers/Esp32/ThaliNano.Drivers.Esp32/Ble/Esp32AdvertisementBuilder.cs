using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using ThaliNano.Ble;

namespace ThaliNano.Drivers.Esp32.Ble
{
    /// <summary>
    /// Fills nanoFramework's advertisement with our content: the flags, then the advertisement's sections, then the
    /// scan response's. nanoFramework packs sections greedily into the 31-byte packet and the rest into the scan
    /// response; since our content was checked to fit as advertisement + scan response, all of it is sent, though
    /// a small scan-response section may ride in the advertising packet.
    /// </summary>
    internal static class Esp32AdvertisementBuilder
    {
        public static void Fill(BluetoothLEAdvertisement target, BleAdvertisement advertisement, BleAdvertisement scanResponse)
        {
            target.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
            AddSections(target, advertisement);
            if (scanResponse != null)
            {
                AddSections(target, scanResponse);
            }
        }

        private static void AddSections(BluetoothLEAdvertisement target, BleAdvertisement content)
        {
            if (content.LocalName != null)
            {
                DataWriter name = new DataWriter();
                name.WriteString(content.LocalName);
                target.DataSections.Add(new BluetoothLEAdvertisementDataSection(AdType.CompleteLocalName, name.DetachBuffer()));
            }

            Guid[] uuids = content.ServiceUuids;
            if (uuids.Length > 0)
            {
                DataWriter list = new DataWriter();
                for (int i = 0; i < uuids.Length; i++)
                {
                    list.WriteUuid(uuids[i]);
                }

                target.DataSections.Add(new BluetoothLEAdvertisementDataSection(AdType.CompleteServiceUuids128, list.DetachBuffer()));
            }

            if (content.HasManufacturerData)
            {
                target.ManufacturerData.Add(new BluetoothLEManufacturerData(content.CompanyId, new Buffer(content.ManufacturerData)));
            }
        }
    }
}
