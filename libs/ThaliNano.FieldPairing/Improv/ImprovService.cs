using System;
using System.Text;
using ThaliNano.Identity;

namespace ThaliNano.FieldPairing.Improv
{
    /// <summary>Told when the current state or the error state changed (the GATT layer notifies both).</summary>
    public delegate void ImprovStateChanged(ImprovService service);

    /// <summary>
    /// The Improv Wi-Fi service of one BLE connection, transport-agnostic: the GATT layer maps the Current State,
    /// Error State and Capabilities characteristics onto <see cref="CurrentState"/>, <see cref="ErrorState"/> and
    /// <see cref="Capabilities"/>, and writes to RPC Command onto <see cref="HandleRpcCommand"/>, whose non-null
    /// answer is the RPC Result's new value. It requires authorization, and only this connection's completed
    /// field pairing gives it, for <c>authorizationMilliseconds</c> from the pairing (restarted after a failed
    /// connection attempt, as Improv asks). Once provisioned, the service is stopped: every command is refused.
    /// </summary>
    public sealed class ImprovService
    {
        public const long DefaultAuthorizationMilliseconds = 60 * 1000;
        private const int MaxSsidLength = 32;
        private const int MaxPasswordLength = 64;

        private readonly FieldPairingSession _pairing;
        private readonly IWifiConnector _wifi;
        private readonly IPairingClock _clock;
        private readonly long _authorizationMilliseconds;
        private bool _restartedAuthorization;
        private long _authorizationStart;
        private bool _provisioning;
        private bool _provisioned;
        private ImprovError _error = ImprovError.None;

        public ImprovService(FieldPairingSession pairing, IWifiConnector wifi, IPairingClock clock, long authorizationMilliseconds)
        {
            if (pairing == null)
            {
                throw new ArgumentNullException("pairing");
            }

            if (wifi == null)
            {
                throw new ArgumentNullException("wifi");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (authorizationMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("authorizationMilliseconds");
            }

            _pairing = pairing;
            _wifi = wifi;
            _clock = clock;
            _authorizationMilliseconds = authorizationMilliseconds;
        }

        public event ImprovStateChanged Changed;

        public ImprovState CurrentState
        {
            get
            {
                if (_provisioned)
                {
                    return ImprovState.Provisioned;
                }

                if (_provisioning)
                {
                    return ImprovState.Provisioning;
                }

                return IsAuthorized ? ImprovState.Authorized : ImprovState.AuthorizationRequired;
            }
        }

        public ImprovError ErrorState
        {
            get { return _error; }
        }

        /// <summary>No identify, no device info, no scan: bits 0-2 clear.</summary>
        public byte Capabilities
        {
            get { return 0; }
        }

        private bool IsAuthorized
        {
            get
            {
                if (!_pairing.IsComplete)
                {
                    return false;
                }

                long start = _restartedAuthorization ? _authorizationStart : _pairing.CompletedAtMilliseconds;
                return _clock.NowMilliseconds - start < _authorizationMilliseconds;
            }
        }

        /// <summary>
        /// Handles one write to RPC Command. Returns the RPC Result to publish, or null when the command has none
        /// (then <see cref="ErrorState"/> says why). Never throws.
        /// </summary>
        public byte[] HandleRpcCommand(byte[] packet)
        {
            try
            {
                return Dispatch(packet);
            }
            catch (Exception)
            {
                _provisioning = false;
                return Fail(ImprovError.Unknown);
            }
        }

        private byte[] Dispatch(byte[] packet)
        {
            if (!ImprovPacket.IsWellFormed(packet))
            {
                return Fail(ImprovError.InvalidRpcPacket);
            }

            if (_provisioned)
            {
                return Fail(ImprovError.Unknown);
            }

            if (packet[0] != ImprovGatt.SendWifiSettings)
            {
                return Fail(ImprovError.UnknownRpcCommand);
            }

            if (!IsAuthorized)
            {
                return Fail(ImprovError.NotAuthorized);
            }

            int ssidLength = packet[2];
            int passwordAt = 3 + ssidLength;
            if (ssidLength == 0 || ssidLength > MaxSsidLength || passwordAt >= packet.Length - 1)
            {
                return Fail(ImprovError.InvalidRpcPacket);
            }

            int passwordLength = packet[passwordAt];
            if (passwordLength > MaxPasswordLength || passwordAt + 1 + passwordLength != packet.Length - 1)
            {
                return Fail(ImprovError.InvalidRpcPacket);
            }

            string ssid = Encoding.UTF8.GetString(packet, 3, ssidLength);
            string password = Encoding.UTF8.GetString(packet, passwordAt + 1, passwordLength);
            return Provision(packet[0], ssid, password);
        }

        private byte[] Provision(byte command, string ssid, string password)
        {
            _error = ImprovError.None;
            _provisioning = true;
            OnChanged();
            string hubUrl = _wifi.Connect(ssid, password);
            _provisioning = false;
            if (hubUrl == null)
            {
                _restartedAuthorization = true;
                _authorizationStart = _clock.NowMilliseconds;
                return Fail(ImprovError.UnableToConnect);
            }

            _provisioned = true;
            OnChanged();
            return ImprovPacket.Encode(command, RedirectUrls(hubUrl));
        }

        // The first string is where Improv clients send the user (https); the second is the httpkey URL itself.
        private static byte[][] RedirectUrls(string hubUrl)
        {
            byte[] httpkey = Encoding.UTF8.GetBytes(hubUrl);
            byte[] https;
            try
            {
                https = Encoding.UTF8.GetBytes(HttpKeyUrl.Parse(hubUrl).ToHttpsUrl());
            }
            catch (FormatException)
            {
                return new byte[][] { httpkey };
            }

            if (https.Length + httpkey.Length + 2 > ImprovPacket.MaxDataLength)
            {
                return new byte[][] { https };
            }

            return new byte[][] { https, httpkey };
        }

        private byte[] Fail(ImprovError error)
        {
            _error = error;
            OnChanged();
            return null;
        }

        private void OnChanged()
        {
            ImprovStateChanged handler = Changed;
            if (handler != null)
            {
                handler(this);
            }
        }
    }
}
