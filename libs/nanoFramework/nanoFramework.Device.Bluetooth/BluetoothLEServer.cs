// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/BluetoothLEServer.cs). Signatures only; never used at run time.

using System;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// The GATT server singleton. Its one Session (device id 0) raises the connect/disconnect and MTU events.
    /// Pairing (DevicePairing) and Appearance are left out: not used here.
    /// </summary>
    public class BluetoothLEServer : IDisposable
    {
        private BluetoothLEServer() { }

        ~BluetoothLEServer() { }

        public static BluetoothLEServer Instance => throw null;

        /// <summary>Generic Access device name, default "nanoFramework".</summary>
        public string DeviceName
        {
            get => throw null;
            set => throw null;
        }

        public GattSession Session => throw null;

        public GattServiceProvider[] Services => throw null;

        public GattServiceProvider GetServiceByUUID(Guid serviceUuid) => throw null;

        /// <summary>Starts the stack in server mode; throws InvalidOperationException when in client mode.</summary>
        public void Start() => throw null;

        public void Stop() => throw null;

        protected virtual void Dispose(bool disposing) => throw null;

        public void Dispose() => throw null;
    }
}
