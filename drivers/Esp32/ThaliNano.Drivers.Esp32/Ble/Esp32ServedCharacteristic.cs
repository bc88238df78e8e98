using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using ThaliNano.Ble;
using BleGattCharacteristic = ThaliNano.Ble.GattCharacteristic;

namespace ThaliNano.Drivers.Esp32.Ble
{
    /// <summary>
    /// One of our characteristics served by a native GattLocalCharacteristic: reads answer with its Value, writes are
    /// acknowledged and delivered to it as coming from the peripheral's current connection.
    /// </summary>
    internal sealed class Esp32ServedCharacteristic
    {
        private readonly Esp32BlePeripheral _peripheral;

        public Esp32ServedCharacteristic(Esp32BlePeripheral peripheral, BleGattCharacteristic characteristic, GattLocalCharacteristic local)
        {
            _peripheral = peripheral;
            Characteristic = characteristic;
            Local = local;
            if (characteristic.CanWrite)
            {
                local.WriteRequested += OnWriteRequested;
            }

            if (characteristic.CanRead)
            {
                local.ReadRequested += OnReadRequested;
            }
        }

        public BleGattCharacteristic Characteristic { get; }

        public GattLocalCharacteristic Local { get; }

        private void OnWriteRequested(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            DataReader reader = DataReader.FromBuffer(request.Value);
            byte[] value = new byte[reader.UnconsumedBufferLength];
            reader.ReadBytes(value);
            BleConnection connection = _peripheral.CurrentConnection;
            if (connection == null)
            {
                request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                return;
            }

            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }

            Characteristic.DeliverWrite(connection, value);
        }

        private void OnReadRequested(GattLocalCharacteristic sender, GattReadRequestedEventArgs args) =>
            args.GetRequest().RespondWithValue(new Buffer(Characteristic.Value));
    }
}
