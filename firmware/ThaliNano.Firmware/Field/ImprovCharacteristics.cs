using System;
using ThaliNano.Ble;
using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Firmware.Field
{
    /// <summary>
    /// The Improv Wi-Fi GATT service (https://www.improv-wifi.com/ble/): Current State, Error State and RPC Result are
    /// readable and notified, RPC Command is written, Capabilities is read. A write goes to the writing connection's
    /// <see cref="ImprovService"/>; its answer and every state change are published and notified to that connection.
    /// </summary>
    internal sealed class ImprovCharacteristics
    {
        private readonly IGattServer _gatt;
        private readonly FieldServices _field;
        private readonly GattCharacteristic _currentState;
        private readonly GattCharacteristic _errorState;
        private readonly GattCharacteristic _rpcResult;
        private readonly GattCharacteristic _capabilities;

        public ImprovCharacteristics(IGattServer gatt, FieldServices field)
        {
            _gatt = gatt;
            _field = field;
            GattService service = new GattService(new Guid(ImprovGatt.ServiceUuid));
            GattCharacteristicProperties readNotify = GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify;
            _currentState = service.Add(new GattCharacteristic(new Guid(ImprovGatt.CurrentStateUuid), readNotify));
            _errorState = service.Add(new GattCharacteristic(new Guid(ImprovGatt.ErrorStateUuid), readNotify));
            GattCharacteristic rpcCommand = service.Add(new GattCharacteristic(new Guid(ImprovGatt.RpcCommandUuid), GattCharacteristicProperties.Write));
            _rpcResult = service.Add(new GattCharacteristic(new Guid(ImprovGatt.RpcResultUuid), readNotify));
            _capabilities = service.Add(new GattCharacteristic(new Guid(ImprovGatt.CapabilitiesUuid), GattCharacteristicProperties.Read));
            _currentState.Value = new byte[] { (byte)ImprovState.AuthorizationRequired };
            _errorState.Value = new byte[] { (byte)ImprovError.None };
            _capabilities.Value = new byte[] { 0 };
            rpcCommand.WriteReceived += OnRpcCommand;
            gatt.AddService(service);
        }

        /// <summary>Notifies <paramref name="connection"/> whenever its Improv state changes.</summary>
        public void Watch(BleConnection connection, ImprovService improv)
        {
            improv.Changed += delegate (ImprovService changed) { Publish(connection, changed); };
        }

        private void OnRpcCommand(GattCharacteristic characteristic, BleConnection connection, byte[] value)
        {
            ImprovService improv = _field.ImprovOf(connection);
            byte[] result = improv.HandleRpcCommand(value);
            Publish(connection, improv);
            if (result != null)
            {
                _rpcResult.Value = result;
                Notify(connection, _rpcResult);
            }
        }

        private void Publish(BleConnection connection, ImprovService improv)
        {
            _currentState.Value = new byte[] { (byte)improv.CurrentState };
            _errorState.Value = new byte[] { (byte)improv.ErrorState };
            _capabilities.Value = new byte[] { improv.Capabilities };
            Notify(connection, _currentState);
            Notify(connection, _errorState);
        }

        private void Notify(BleConnection connection, GattCharacteristic characteristic)
        {
            try
            {
                _gatt.Notify(connection, characteristic, characteristic.Value);
            }
            catch (BleException)
            {
                // The connection went away: the disconnect event drops its state.
            }
        }
    }
}
