using System;
using ThaliNano.Text;

namespace ThaliNano.Identity
{
    /// <summary>
    /// Establishes the principal of one HTTP request from its ThaliKey Authorization header (see the README) and,
    /// on the host board, the client key TLS authenticated. Pure: no I/O; RAM per principal lives in its
    /// <see cref="ProofKey"/>. Safe to call from several connection threads at once. Its reasons never name a key the
    /// client did not send, and an unknown key is refused exactly like a wrong MAC (same reason, same HMAC work), so
    /// a client learns nothing about which keys are paired.
    /// </summary>
    public sealed class ProofVerifier
    {
        /// <summary>One reason for an unknown key and a wrong MAC, so that the reply does not tell which keys are paired.</summary>
        public const string NotVerifiedReason =
            "the proof does not verify: its key is not paired with this hub, or its MAC is not over this hub, epoch, counter, method, target and body digest with that key's secret";

        // Stands in for the secret of an unknown key: the same HMAC work is done either way.
        private static readonly byte[] s_noSecret = new byte[ProofKey.SecretSizeInBytes];

        private readonly IProofKeyring _keyring;
        private readonly PublicKeyId _hubKeyId;
        private readonly string _epoch;
        private readonly string _challenge;

        /// <param name="keyring">The paired principals and their secrets.</param>
        /// <param name="hubKeyId">This hub's key id (SHA-256 of its certificate's SPKI): proofs for another hub fail.</param>
        /// <param name="epoch">1..64 base64url characters the hub never used before (see Hub.MakeEpoch in the firmware).</param>
        public ProofVerifier(IProofKeyring keyring, PublicKeyId hubKeyId, string epoch)
        {
            if (keyring == null)
            {
                throw new ArgumentNullException("keyring");
            }

            if (hubKeyId == null)
            {
                throw new ArgumentNullException("hubKeyId");
            }

            string error = ThaliKeyProof.EpochError(epoch);
            if (error != null)
            {
                throw new ArgumentException(error, "epoch");
            }

            _keyring = keyring;
            _hubKeyId = hubKeyId;
            _epoch = epoch;
            _challenge = ThaliKeyProof.CreateChallenge(epoch);
        }

        public string Epoch
        {
            get { return _epoch; }
        }

        public PublicKeyId HubKeyId
        {
            get { return _hubKeyId; }
        }

        /// <summary>The WWW-Authenticate value for every 401 this verifier causes: <c>ThaliKey epoch="..."</c>.</summary>
        public string Challenge
        {
            get { return _challenge; }
        }

        /// <summary>
        /// The principal, or why there is none. A principal established by a proof comes with the body digest the proof
        /// signed (<see cref="ProofResult.GetBodyDigest"/>): the caller checks the body against it as it reads it.
        /// </summary>
        /// <param name="method">The request method exactly as on the request line.</param>
        /// <param name="target">The request target exactly as on the request line (not percent-decoded).</param>
        /// <param name="authorization">The Authorization header value, or null when absent.</param>
        /// <param name="transportPrincipal">The paired client key TLS authenticated (host board), or null (ESP32).</param>
        public ProofResult Verify(string method, string target, string authorization, PublicKeyId transportPrincipal)
        {
            if (authorization == null)
            {
                if (transportPrincipal != null)
                {
                    return ProofResult.ByTransportKey(transportPrincipal);
                }

                return ProofResult.Fail(ProofFailure.MissingCredentials, "the request carries no ThaliKey proof and TLS authenticated no client key");
            }

            if (!ThaliKeyProof.IsThaliKeyScheme(authorization))
            {
                return ProofResult.Fail(ProofFailure.UnsupportedScheme, "the Authorization scheme is not ThaliKey");
            }

            string error;
            ThaliKeyProof proof = ThaliKeyProof.TryParse(authorization, out error);
            if (proof == null)
            {
                return ProofResult.Fail(ProofFailure.Malformed, error);
            }

            error = ThaliKeyProof.RequestError(method, target);
            if (error != null)
            {
                return ProofResult.Fail(ProofFailure.Malformed, error);
            }

            if (transportPrincipal != null && transportPrincipal != proof.KeyId)
            {
                return ProofResult.Fail(ProofFailure.KeyMismatch, "the proof names another key than the client certificate TLS authenticated");
            }

            // Before looking the key up: the answer must not depend on whether it is paired.
            if (proof.Epoch != _epoch)
            {
                return ProofResult.Fail(ProofFailure.WrongEpoch, "the proof is for another epoch: sign with the epoch of the WWW-Authenticate challenge, counting from 1");
            }

            ProofKey key = _keyring.Find(proof.KeyId);
            byte[] expected = ThaliKeyProof.ComputeMac(key == null ? s_noSecret : key.Secret, _hubKeyId, _epoch, proof.KeyId.ToBase64Url(),
                proof.Counter.ToString(), method, target, proof.BodyDigest);
            bool macMatches = HmacSha256.FixedTimeEquals(expected, proof.Mac);
            if (key == null)
            {
                return ProofResult.Fail(ProofFailure.UnknownKey, NotVerifiedReason);
            }

            if (!macMatches)
            {
                return ProofResult.Fail(ProofFailure.BadMac, NotVerifiedReason);
            }

            ProofFailure replay = key.Accept(_epoch, proof.Counter);
            if (replay == ProofFailure.Replayed)
            {
                return ProofResult.Fail(replay, "counter " + proof.Counter.ToString() + " was already used in this epoch");
            }

            if (replay == ProofFailure.TooOld)
            {
                return ProofResult.Fail(replay, "counter " + proof.Counter.ToString() + " lies below this epoch's replay window of "
                    + ProofKey.WindowSize.ToString() + " counters: sign with a new counter");
            }

            return ProofResult.ByProof(key.Id, ThaliKeyProof.DecodeDigest(proof.BodyDigest));
        }

        /// <summary>An epoch from 16 bytes that never repeat for this hub (the firmware hashes boot, uuid, randomness and clock into them).</summary>
        public static string EpochFromRandom(byte[] sixteenRandomBytes)
        {
            if (sixteenRandomBytes == null || sixteenRandomBytes.Length != 16)
            {
                throw new ArgumentException("an epoch is made from exactly 16 random bytes", "sixteenRandomBytes");
            }

            return Base64Url.Encode(sixteenRandomBytes);
        }
    }
}
