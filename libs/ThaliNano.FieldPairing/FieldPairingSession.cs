using System;
using System.Text;
using ThaliNano.FieldPairing.Rsa;
using ThaliNano.Identity;

namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The device side of technician pairing for one BLE connection: feed it each reassembled request, send back
    /// what <see cref="Handle"/> returns. Two round trips (hello, pair request); any refusal ends the session.
    /// Message formats: README. Allocates per session a few hundred bytes plus, for the grant, the RSA work
    /// (about 2.5 KB for a 2048-bit key) and the certificate copy.
    /// </summary>
    public sealed class FieldPairingSession
    {
        private const int SecretSize = 32;

        private readonly PairingWindow _window;
        private readonly ITokenStore _tokens;
        private readonly IFieldPairingTarget _target;
        private readonly IRandomSource _random;
        private SessionState _state = SessionState.AwaitingHello;
        private byte[] _tokenKey;
        private PairingTranscript _transcript;
        private byte[] _deviceProof;

        public FieldPairingSession(PairingWindow window, ITokenStore tokens, IFieldPairingTarget target, IRandomSource random)
        {
            if (window == null)
            {
                throw new ArgumentNullException("window");
            }

            if (tokens == null)
            {
                throw new ArgumentNullException("tokens");
            }

            if (target == null)
            {
                throw new ArgumentNullException("target");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _window = window;
            _tokens = tokens;
            _target = target;
            _random = random;
        }

        private enum SessionState
        {
            AwaitingHello,
            AwaitingPairRequest,
            Complete,
            Over,
        }

        /// <summary>True once this session has paired a technician.</summary>
        public bool IsComplete
        {
            get { return _state == SessionState.Complete; }
        }

        /// <summary>When the pairing completed (the window's clock); meaningful when <see cref="IsComplete"/>.</summary>
        public long CompletedAtMilliseconds { get; private set; }

        /// <summary>What the technician was given; null until <see cref="IsComplete"/>.</summary>
        public FieldPairingGrant Grant { get; private set; }

        /// <summary>The reason of the last refusal this session sent (for logs); 0 when none.</summary>
        public RefusalReason LastRefusal { get; private set; }

        /// <summary>The reply to one request. Never throws: bad input gets a refusal message.</summary>
        public byte[] Handle(byte[] request)
        {
            try
            {
                return Dispatch(request);
            }
            catch (Exception)
            {
                return Refuse(RefusalReason.Internal, "the device failed to handle the message; nothing was changed");
            }
        }

        private byte[] Dispatch(byte[] request)
        {
            if (_state == SessionState.Complete || _state == SessionState.Over)
            {
                LastRefusal = RefusalReason.SessionOver;
                return RefusalMessage.Encode(RefusalReason.SessionOver, "this session is over; connect again to start a new one");
            }

            if (request == null || request.Length == 0)
            {
                return Refuse(RefusalReason.Malformed, "an empty message");
            }

            byte type = request[0];
            if (type == FieldPairingMessage.Hello)
            {
                return _state == SessionState.AwaitingHello
                    ? HandleHello(request)
                    : Refuse(RefusalReason.OutOfOrder, "a second hello in one session");
            }

            if (type == FieldPairingMessage.PairRequest)
            {
                return _state == SessionState.AwaitingPairRequest
                    ? HandlePairRequest(request)
                    : Refuse(RefusalReason.OutOfOrder, "a pair request before the hello");
            }

            if (type == FieldPairingMessage.Challenge || type == FieldPairingMessage.Granted || type == FieldPairingMessage.Refusal)
            {
                return Refuse(RefusalReason.OutOfOrder, "a device's message sent to the device");
            }

            return Refuse(RefusalReason.Malformed, "unknown message type " + type.ToString());
        }

        private byte[] HandleHello(byte[] hello)
        {
            if (hello.Length != FieldPairingMessage.HelloSize)
            {
                return Refuse(RefusalReason.Malformed, "a hello is exactly " + FieldPairingMessage.HelloSize.ToString() + " bytes");
            }

            if (hello[1] != FieldPairingMessage.Version)
            {
                return Refuse(RefusalReason.UnsupportedVersion, "this device speaks field pairing version 1 only");
            }

            byte[] refusal = CheckWindow();
            if (refusal != null)
            {
                return refusal;
            }

            byte[] tokenKey = _tokens.LoadTokenKey();
            if (tokenKey == null)
            {
                return Refuse(RefusalReason.TokenUsed, "this device's pairing token has been used (or was never provisioned)");
            }

            byte[] challenge = new byte[FieldPairingMessage.ChallengeSize];
            challenge[0] = FieldPairingMessage.Challenge;
            byte[] nonce = new byte[FieldPairingMessage.NonceSize];
            _random.NextBytes(nonce);
            Array.Copy(nonce, 0, challenge, 1, nonce.Length);

            _tokenKey = tokenKey;
            _transcript = new PairingTranscript(tokenKey, hello, challenge);
            _deviceProof = _transcript.DeviceProof();
            Array.Copy(_deviceProof, 0, challenge, 1 + FieldPairingMessage.NonceSize, FieldPairingMessage.MacSize);
            _state = SessionState.AwaitingPairRequest;
            return challenge;
        }

        private byte[] HandlePairRequest(byte[] request)
        {
            string error;
            PairRequestFrame frame = PairRequestFrame.Parse(request, out error);
            if (frame == null)
            {
                return Refuse(RefusalReason.Malformed, error);
            }

            byte[] refusal = CheckWindow();
            if (refusal != null)
            {
                return refusal;
            }

            byte[] expected = _transcript.TechnicianProof(_deviceProof, request, frame.ProofOffset);
            if (!SameBytes(expected, 0, request, frame.ProofOffset, FieldPairingMessage.MacSize))
            {
                _window.RecordFailedProof();
                return Refuse(RefusalReason.BadProof, "the proof is wrong: not this device's token, or not this session");
            }

            if (!HmacSha256.FixedTimeEquals(_tokens.LoadTokenKey(), _tokenKey))
            {
                return Refuse(RefusalReason.TokenUsed, "this device's pairing token was used during this session");
            }

            RequestedRole role = RequestedRole.Parse(request, PairRequestFrame.RoleOffset, frame.RoleLength);
            if (role == null)
            {
                return Refuse(RefusalReason.UnknownRole, "the role is reader, writer, admin or group:NAME (NAME: 1 to 58 of A-Z a-z 0-9 . _ -)");
            }

            byte[] certificate = new byte[frame.CertificateLength];
            Array.Copy(request, frame.CertificateOffset, certificate, 0, certificate.Length);
            RsaPublicKey key;
            try
            {
                string nonLeaf = CertificateConstraints.NonLeafReason(certificate);
                if (nonLeaf != null)
                {
                    return Refuse(RefusalReason.NotLeaf, nonLeaf);
                }

                key = SubjectPublicKeyInfo.FromCertificate(certificate).RsaKey;
            }
            catch (DerFormatException e)
            {
                return Refuse(RefusalReason.BadCertificate, "not a DER X.509 certificate: " + e.Message);
            }

            if (key == null)
            {
                return Refuse(RefusalReason.UnsupportedKey, "the certificate's key is not RSA: the secret is sent RSA-OAEP encrypted");
            }

            string unsupported = RsaOaepEncryptor.UnsupportedReason(key);
            if (unsupported != null)
            {
                return Refuse(RefusalReason.UnsupportedKey, unsupported);
            }

            return IssueGrant(expected, certificate, key, role);
        }

        private byte[] IssueGrant(byte[] technicianProof, byte[] certificate, RsaPublicKey key, RequestedRole role)
        {
            byte[] secret = new byte[SecretSize];
            _random.NextBytes(secret);
            byte[] ciphertext = RsaOaepEncryptor.Encrypt(key, secret, _random);

            FieldPairingGrant grant;
            try
            {
                grant = _target.Pair(certificate, secret, role.Role, role.Group);
            }
            catch (ArgumentException e)
            {
                return Refuse(RefusalReason.PairingRefused, e.Message);
            }
            finally
            {
                Array.Clear(secret, 0, SecretSize);
            }

            byte[] url = Encoding.UTF8.GetBytes(grant.HubUrl);
            if (url.Length > FieldPairingMessage.MaxHubUrlLength)
            {
                return Refuse(RefusalReason.Internal, "the hub's URL is longer than the protocol allows");
            }

            _tokens.ConsumeToken();

            // 0x04, key id (32), URL length (2), URL, ciphertext length (2), ciphertext, MAC (32)
            byte[] granted = new byte[1 + PublicKeyId.SizeInBytes + 2 + url.Length + 2 + ciphertext.Length + FieldPairingMessage.MacSize];
            granted[0] = FieldPairingMessage.Granted;
            int at = 1;
            byte[] keyId = grant.KeyId.ToByteArray();
            Array.Copy(keyId, 0, granted, at, keyId.Length);
            at += keyId.Length;
            at = WriteWithLength(granted, at, url);
            at = WriteWithLength(granted, at, ciphertext);
            byte[] mac = _transcript.GrantMac(technicianProof, granted, at);
            Array.Copy(mac, 0, granted, at, mac.Length);

            Grant = grant;
            CompletedAtMilliseconds = _window.NowMilliseconds;
            _state = SessionState.Complete;
            return granted;
        }

        private byte[] CheckWindow()
        {
            if (!_window.IsOpen)
            {
                return Refuse(RefusalReason.WindowClosed, "pairing mode is not open: press the device's button to open it");
            }

            if (_window.IsLocked)
            {
                return Refuse(RefusalReason.RateLimited, "too many wrong proofs: pairing is locked until pairing mode is opened again");
            }

            return null;
        }

        private byte[] Refuse(RefusalReason reason, string text)
        {
            _state = SessionState.Over;
            _transcript = null;
            _tokenKey = null;
            LastRefusal = reason;
            return RefusalMessage.Encode(reason, text);
        }

        private static int WriteWithLength(byte[] target, int at, byte[] value)
        {
            target[at] = (byte)(value.Length >> 8);
            target[at + 1] = (byte)value.Length;
            Array.Copy(value, 0, target, at + 2, value.Length);
            return at + 2 + value.Length;
        }

        private static bool SameBytes(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return difference == 0;
        }
    }
}
