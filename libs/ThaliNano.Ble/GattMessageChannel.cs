using System;
using System.Collections;
using System.Text;

namespace ThaliNano.Ble
{
    /// <summary>
    /// The peripheral's end of the message channel: a service with a request characteristic the central writes
    /// (fragments of <see cref="MessageFragments"/>) and a response characteristic the peripheral notifies. Each
    /// connection has its own assembler, made at its first fragment and dropped at disconnect; a complete request
    /// goes to the handler and its reply is sent back in fragments of the connection's MTU as the handler writes it
    /// (<see cref="StreamedMessageWriter"/>). A request declaring more than the maximum gets an error reply naming both
    /// sizes; garbage fragments are ignored.
    /// </summary>
    public sealed class GattMessageChannel
    {
        private readonly IGattServer _server;
        private readonly IGattMessageHandler _handler;
        private readonly GattCharacteristic _response;
        private readonly int _maxRequestSize;
        private readonly Hashtable _assemblers = new Hashtable();

        /// <summary>Creates the service and adds it to <paramref name="server"/> (before advertising starts).</summary>
        public GattMessageChannel(IGattServer server, Guid serviceUuid, Guid requestUuid, Guid responseUuid, int maxRequestSize, IGattMessageHandler handler)
        {
            if (server == null)
            {
                throw new ArgumentNullException("server");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            _server = server;
            _handler = handler;
            _maxRequestSize = maxRequestSize;
            Service = new GattService(serviceUuid);
            GattCharacteristic request = Service.Add(new GattCharacteristic(requestUuid, GattCharacteristicProperties.Write | GattCharacteristicProperties.WriteWithoutResponse));
            _response = Service.Add(new GattCharacteristic(responseUuid, GattCharacteristicProperties.Notify));
            request.WriteReceived += OnRequestFragment;
            server.Disconnected += OnDisconnected;
            server.AddService(Service);
        }

        public GattService Service { get; }

        public int MaxRequestSize => _maxRequestSize;

        /// <summary>Connections for which the channel holds state (an assembler); zero once all have disconnected.</summary>
        public int ConnectionsWithState
        {
            get
            {
                lock (_assemblers)
                {
                    return _assemblers.Count;
                }
            }
        }

        private void OnRequestFragment(GattCharacteristic characteristic, BleConnection connection, byte[] value)
        {
            MessageAssembler assembler = AssemblerFor(connection);
            if (assembler == null)
            {
                return;
            }

            FragmentStatus status = assembler.Accept(value);
            if (status == FragmentStatus.TooLarge)
            {
                SendError(connection, "the request of " + assembler.DeclaredLength + " bytes exceeds the limit of " + _maxRequestSize + " bytes");
            }
            else if (status == FragmentStatus.Complete)
            {
                byte[] request = assembler.Message;
                assembler.Reset();
                if (assembler.IsError)
                {
                    SendError(connection, "a request may not be flagged as an error");
                    return;
                }

                Reply(connection, request);
            }
        }

        private void Reply(BleConnection connection, byte[] request)
        {
            StreamedMessageWriter reply = new StreamedMessageWriter(_server, connection, _response, false);
            try
            {
                _handler.Handle(connection, request, reply);
            }
            catch (Exception)
            {
                if (!reply.Started)
                {
                    SendError(connection, "the request could not be handled");
                }

                return;
            }

            reply.Finish();
        }

        private void SendError(BleConnection connection, string message)
        {
            byte[] text = Encoding.UTF8.GetBytes(message);
            StreamedMessageWriter error = new StreamedMessageWriter(_server, connection, _response, true);
            error.Write(text, 0, text.Length);
            error.Finish();
        }

        private MessageAssembler AssemblerFor(BleConnection connection)
        {
            lock (_assemblers)
            {
                if (!connection.IsOpen)
                {
                    return null;
                }

                MessageAssembler assembler = (MessageAssembler)_assemblers[connection.Id];
                if (assembler == null)
                {
                    assembler = new MessageAssembler(_maxRequestSize);
                    _assemblers[connection.Id] = assembler;
                }

                return assembler;
            }
        }

        private void OnDisconnected(BleConnection connection)
        {
            lock (_assemblers)
            {
                _assemblers.Remove(connection.Id);
            }
        }
    }
}
