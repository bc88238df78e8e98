using System;
using System.Collections;
using System.IO;
using ThaliNano.Ble;
using ThaliNano.FieldPairing;
using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Firmware.Field
{
    /// <summary>
    /// The hub's GATT face for technicians in the field: the field pairing service (ThaliNano.Ble's message channel
    /// carrying <see cref="FieldPairingSession"/> messages) and the Improv Wi-Fi service, whose authorization is the
    /// field pairing completed on the same connection. Each BLE connection gets its own pairing session and Improv
    /// state, dropped when it disconnects; the pairing window, the token and the rate limit are shared. Add it to the
    /// GATT server before advertising starts.
    /// </summary>
    public sealed class FieldServices : IGattMessageHandler
    {
        private readonly Hashtable _connections = new Hashtable();
        private readonly ITokenStore _tokens;
        private readonly IFieldPairingTarget _target;
        private readonly IRandomSource _random;
        private readonly IPairingClock _clock;
        private readonly IWifiConnector _wifi;
        private readonly ImprovCharacteristics _improv;

        public FieldServices(IGattServer gatt, PairingWindow window, ITokenStore tokens, IFieldPairingTarget target, IRandomSource random, IPairingClock clock, IWifiConnector wifi)
        {
            if (gatt == null || window == null || tokens == null || target == null || random == null || clock == null || wifi == null)
            {
                throw new ArgumentNullException("gatt", "field services need every part");
            }

            Window = window;
            _tokens = tokens;
            _target = target;
            _random = random;
            _clock = clock;
            _wifi = wifi;
            new GattMessageChannel(gatt, new Guid(FieldPairingGatt.ServiceUuid), new Guid(FieldPairingGatt.RequestUuid),
                new Guid(FieldPairingGatt.ResponseUuid), FieldPairingGatt.MaxRequestBytes, this);
            _improv = new ImprovCharacteristics(gatt, this);
            gatt.Disconnected += OnDisconnected;
        }

        /// <summary>The pairing-mode window: open it on a button press or the first boot.</summary>
        public PairingWindow Window { get; }

        /// <summary>Connections for which pairing or Improv state is held.</summary>
        public int ConnectionsWithState
        {
            get
            {
                lock (_connections)
                {
                    return _connections.Count;
                }
            }
        }

        public void Handle(BleConnection connection, byte[] request, Stream reply)
        {
            byte[] answer = StateOf(connection).Pairing.Handle(request);
            if (answer != null)
            {
                reply.Write(answer, 0, answer.Length);
            }
        }

        /// <summary>The Improv service of <paramref name="connection"/>, tied to its pairing session.</summary>
        internal ImprovService ImprovOf(BleConnection connection)
        {
            return StateOf(connection).Improv;
        }

        private ConnectionState StateOf(BleConnection connection)
        {
            lock (_connections)
            {
                ConnectionState state = (ConnectionState)_connections[connection.Id];
                if (state == null)
                {
                    FieldPairingSession pairing = new FieldPairingSession(Window, _tokens, _target, _random);
                    ImprovService improv = new ImprovService(pairing, _wifi, _clock, ImprovService.DefaultAuthorizationMilliseconds);
                    state = new ConnectionState(pairing, improv);
                    _improv.Watch(connection, improv);
                    _connections[connection.Id] = state;
                }

                return state;
            }
        }

        private void OnDisconnected(BleConnection connection)
        {
            lock (_connections)
            {
                _connections.Remove(connection.Id);
            }
        }

        private sealed class ConnectionState
        {
            public ConnectionState(FieldPairingSession pairing, ImprovService improv)
            {
                Pairing = pairing;
                Improv = improv;
            }

            public FieldPairingSession Pairing { get; }

            public ImprovService Improv { get; }
        }
    }
}
