using System;
using System.Text;

namespace ThaliNano.Ble
{
    /// <summary>
    /// The central's end of the message channel (see <see cref="GattMessageChannel"/>): sends one request in
    /// fragments of the connection's MTU as writes without response and waits for the whole reply.
    /// </summary>
    public sealed class GattMessageClient
    {
        private readonly IGattClient _client;
        private readonly Guid _service;
        private readonly Guid _request;
        private readonly MessageAssembler _reply;
        private readonly TimeSpan _timeout;
        private bool _waiting;
        private bool _replied;
        private string _failure;

        /// <summary>Subscribes to the response characteristic.</summary>
        /// <param name="maxReplySize">Replies declaring more are refused without allocating them.</param>
        public GattMessageClient(IGattClient client, Guid serviceUuid, Guid requestUuid, Guid responseUuid, int maxReplySize, TimeSpan timeout)
        {
            if (client == null)
            {
                throw new ArgumentNullException("client");
            }

            _client = client;
            _service = serviceUuid;
            _request = requestUuid;
            _reply = new MessageAssembler(maxReplySize);
            _timeout = timeout;
            client.Subscribe(serviceUuid, responseUuid, OnReplyFragment);
        }

        /// <summary>Sends <paramref name="request"/> and returns the reply.</summary>
        /// <exception cref="BleException">
        /// The connection closed, no whole reply came within the timeout, the reply was too long, or the peripheral
        /// answered with an error (its text is in the message).
        /// </exception>
        public byte[] Exchange(byte[] request)
        {
            if (request == null)
            {
                throw new ArgumentNullException("request");
            }

            if (request.Length > MessageFragments.MaxDeclaredLength)
            {
                throw new ArgumentException("a request holds at most " + MessageFragments.MaxDeclaredLength + " bytes");
            }

            _reply.Reset();
            _replied = false;
            _failure = null;
            _waiting = true;
            try
            {
                int maxPayload = _client.Connection.MaxPayload;
                int count = MessageFragments.Count(request.Length, maxPayload);
                for (int i = 0; i < count; i++)
                {
                    _client.Write(_service, _request, MessageFragments.Fragment(request, i, maxPayload, false), false);
                }

                bool done = _client.WaitUntil(IsSettled, _timeout);
                if (_failure != null)
                {
                    throw new BleException(_failure);
                }

                if (!_client.Connection.IsOpen)
                {
                    throw new BleException("the connection to " + _client.Connection.PeerAddress + " closed before the reply arrived");
                }

                if (!done)
                {
                    throw new BleException("no reply from " + _client.Connection.PeerAddress + " within " + (int)_timeout.TotalMilliseconds + " ms");
                }

                byte[] reply = _reply.Message;
                if (_reply.IsError)
                {
                    throw new BleException("the peripheral refused the request: " + Encoding.UTF8.GetString(reply, 0, reply.Length));
                }

                return reply;
            }
            finally
            {
                _waiting = false;
            }
        }

        private bool IsSettled() => _replied || _failure != null || !_client.Connection.IsOpen;

        private void OnReplyFragment(IGattClient client, byte[] value)
        {
            if (!_waiting || _replied)
            {
                return;
            }

            FragmentStatus status = _reply.Accept(value);
            if (status == FragmentStatus.Complete)
            {
                _replied = true;
            }
            else if (status == FragmentStatus.TooLarge)
            {
                _failure = "the reply of " + _reply.DeclaredLength + " bytes or more exceeds the limit of " + _reply.MaxMessageSize + " bytes";
            }
        }
    }
}
