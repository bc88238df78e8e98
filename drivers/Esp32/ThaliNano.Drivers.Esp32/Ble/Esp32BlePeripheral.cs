using System;
using System.Collections;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using ThaliNano.Ble;
using BleGattCharacteristic = ThaliNano.Ble.GattCharacteristic;
using NativeProperties = nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattCharacteristicProperties;

namespace ThaliNano.Drivers.Esp32.Ble
{
    /// <summary>
    /// The sensor's side of BLE on an ESP32 (nanoFramework.Device.Bluetooth over NimBLE): legacy advertising and a
    /// GATT server. With services it advertises connectably through the first service's GattServiceProvider and a
    /// custom advertisement; without, through a BluetoothLEAdvertisementPublisher. nanoFramework's server has one
    /// session and does not say which central wrote, so this driver serves one central at a time: writes belong to
    /// <see cref="CurrentConnection"/>. Services must be added before advertising starts (they are initialised then).
    /// </summary>
    public sealed class Esp32BlePeripheral : IBleAdvertiser, IGattServer
    {
        private readonly BleRoleGuard _roles;
        private readonly ArrayList _services = new ArrayList();
        private readonly ArrayList _providers = new ArrayList();
        private readonly ArrayList _served = new ArrayList();
        private BluetoothLEAdvertisementPublisher _publisher;
        private GattServiceProvider _advertisingProvider;
        private BleConnection _connection;
        private int _nextConnectionId;

        /// <param name="roles">Shared with anything else that uses the radio (a scanner), for advertise-XOR-scan.</param>
        /// <param name="deviceName">The Generic Access device name.</param>
        public Esp32BlePeripheral(BleRoleGuard roles, string deviceName)
        {
            _roles = roles;
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = deviceName;
            server.Session.SessionStatusChanged += OnSessionStatusChanged;
            server.Session.MaxPduSizeChanged += OnMaxPduSizeChanged;
        }

        public event BleConnectionHandler Connected;

        public event BleConnectionHandler Disconnected;

        public bool IsAdvertising => _publisher != null || _advertisingProvider != null;

        public GattService[] Services => (GattService[])_services.ToArray(typeof(GattService));

        /// <summary>The central connected now; null when none is.</summary>
        public BleConnection CurrentConnection => _connection;

        public void AddService(GattService service)
        {
            if (IsAdvertising)
            {
                throw new BleException("add services before advertising starts: nanoFramework initialises them then");
            }

            GattServiceProviderResult created = GattServiceProvider.Create(service.Uuid);
            if (created.Error != BluetoothError.Success)
            {
                throw new BleException("the stack refused service " + service.Uuid + ": error " + (int)created.Error);
            }

            GattCharacteristic[] characteristics = service.Characteristics;
            for (int i = 0; i < characteristics.Length; i++)
            {
                _served.Add(Serve(created.ServiceProvider, characteristics[i]));
            }

            _services.Add(service);
            _providers.Add(created.ServiceProvider);
        }

        public void Start(BleAdvertisement advertisement, BleAdvertisement scanResponse)
        {
            BleAdvertisement.EnsureFitsLegacy(advertisement, scanResponse);
            bool wasAdvertising = IsAdvertising;
            if (!wasAdvertising)
            {
                _roles.Claim(BleRole.Peripheral, "advertising");
            }

            StopNative();
            if (_providers.Count > 0)
            {
                GattServiceProviderAdvertisingParameters parameters = new GattServiceProviderAdvertisingParameters();
                parameters.CustomAdvertisement = true;
                parameters.IsConnectable = true;
                Esp32AdvertisementBuilder.Fill(parameters.Advertisement, advertisement, scanResponse);
                _advertisingProvider = (GattServiceProvider)_providers[0];
                _advertisingProvider.StartAdvertising(parameters);
            }
            else
            {
                BluetoothLEAdvertisement content = new BluetoothLEAdvertisement();
                Esp32AdvertisementBuilder.Fill(content, advertisement, scanResponse);
                _publisher = new BluetoothLEAdvertisementPublisher(content);
                _publisher.Start();
            }
        }

        public void Stop()
        {
            if (!IsAdvertising)
            {
                return;
            }

            StopNative();
            _roles.Release(BleRole.Peripheral);
        }

        public bool Notify(BleConnection connection, BleGattCharacteristic characteristic, byte[] value)
        {
            if (connection != _connection || !connection.IsOpen)
            {
                throw new BleException("connection " + connection.Id + " to " + connection.PeerAddress + " is closed");
            }

            if (value.Length > connection.MaxPayload)
            {
                throw new BleException("a value of " + value.Length + " bytes exceeds the " + connection.MaxPayload + " bytes an MTU of " + connection.Mtu + " carries");
            }

            GattLocalCharacteristic local = Find(characteristic).Local;
            GattSubscribedClient[] clients = local.SubscribedClients;
            if (clients.Length == 0)
            {
                return false;
            }

            GattClientNotificationResult result = local.NotifyValue(new Buffer(value), clients[0]);
            if (result.Status != GattCommunicationStatus.Success)
            {
                throw new BleException("notifying " + characteristic.Uuid + " failed: status " + (int)result.Status + ", protocol error " + result.ProtocolError);
            }

            return true;
        }

        private Esp32ServedCharacteristic Serve(GattServiceProvider provider, BleGattCharacteristic characteristic)
        {
            GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
            parameters.CharacteristicProperties = (NativeProperties)(uint)characteristic.Properties;
            GattLocalCharacteristicResult created = provider.Service.CreateCharacteristic(characteristic.Uuid, parameters);
            if (created.Error != BluetoothError.Success)
            {
                throw new BleException("the stack refused characteristic " + characteristic.Uuid + ": error " + (int)created.Error);
            }

            return new Esp32ServedCharacteristic(this, characteristic, created.Characteristic);
        }

        private Esp32ServedCharacteristic Find(BleGattCharacteristic characteristic)
        {
            for (int i = 0; i < _served.Count; i++)
            {
                Esp32ServedCharacteristic served = (Esp32ServedCharacteristic)_served[i];
                if (served.Characteristic == characteristic)
                {
                    return served;
                }
            }

            throw new BleException("characteristic " + characteristic.Uuid + " is not served here");
        }

        private void StopNative()
        {
            if (_advertisingProvider != null)
            {
                _advertisingProvider.StopAdvertising();
                _advertisingProvider = null;
            }

            if (_publisher != null)
            {
                _publisher.Stop();
                _publisher = null;
            }
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            if (args.Status == GattSessionStatus.Active && _connection == null)
            {
                _roles.Claim(BleRole.Peripheral, "serving a central");
                _connection = new BleConnection(++_nextConnectionId, "central", ClampMtu(BluetoothLEServer.Instance.Session.MaxMtuSize));
                BleConnectionHandler connected = Connected;
                if (connected != null)
                {
                    connected(_connection);
                }
            }
            else if (args.Status == GattSessionStatus.Closed && _connection != null)
            {
                BleConnection closed = _connection;
                _connection = null;
                closed.Close();
                _roles.Release(BleRole.Peripheral);
                BleConnectionHandler disconnected = Disconnected;
                if (disconnected != null)
                {
                    disconnected(closed);
                }
            }
        }

        private void OnMaxPduSizeChanged(object sender, EventArgs args)
        {
            BleConnection connection = _connection;
            if (connection != null)
            {
                connection.SetMtu(ClampMtu(BluetoothLEServer.Instance.Session.MaxMtuSize));
            }
        }

        private static int ClampMtu(int mtu) => mtu < BleConnection.DefaultMtu ? BleConnection.DefaultMtu : mtu > 517 ? 517 : mtu;
    }
}
