using System;
using ThaliNano.Text;

namespace ThaliNano.Identity
{
    /// <summary>
    /// Establishes the principal of one HTTP request from its ThaliKey Authorization header (see the README) and,
    /// on the host board, the client key TLS authenticated. Pure: no I/O; RAM per principal lives in its
    /// <see cref="ProofKey"/>. Safe to call from several connection threads at once.
    /// </summary>
    public sealed class ProofVerifier
    {
        private readonly IProofKeyring _keyring;
        private readonly string _epoch;
        private readonly string _challenge;

        /// <param name="keyring">The paired principals and their secrets.</param>
        /// <param name="epoch">1..64 base64url characters the hub never used before (e.g. 16 random bytes per start).</param>
        public ProofVerifier(IProofKeyring keyring, string epoch)
        {
            if (keyring == null)
            {
                throw new ArgumentNullException("keyring");
            }

            string error = ThaliKeyProof.EpochError(epoch);
            if (error != null)
            {
                throw new ArgumentException(error, "epoch");
            }

            _keyring = keyring;
            _epoch = epoch;
            _challenge = ThaliKeyProof.CreateChallenge(epoch);
        }

        public string Epoch
        {
            get { return _epoch; }
        }

        /// <summary>The WWW-Authenticate value for every 401 this verifier causes: <c>ThaliKey epoch="..."</c>.</summary>
        public string Challenge
        {
            get { return _challenge; }
        }

        /// <param name="method">The request method exactly as on the request line.</param>
        /// <param name="target">The request target exactly as on the request line (not percent-decoded).</param>
        /// <param name="authorization">The Authorization header value, or null when absent.</param>
        /// <param name="transportPrincipal">The client key TLS authenticated (host board), or null (ESP32).</param>
        public ProofResult Verify(string method, string target, string authorization, PublicKeyId transportPrincipal)
        {
            if (authorization == null)
            {
                if (transportPrincipal != null)
                {
                    return ProofResult.Success(transportPrincipal, true);
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

            string id = proof.KeyId.ToBase64Url();
            if (transportPrincipal != null && transportPrincipal != proof.KeyId)
            {
                return ProofResult.Fail(ProofFailure.KeyMismatch, "the proof names key " + id + " but TLS authenticated key " + transportPrincipal.ToBase64Url());
            }

            ProofKey key = _keyring.Find(proof.KeyId);
            if (key == null)
            {
                return ProofResult.Fail(ProofFailure.UnknownKey, "key " + id + " is not paired with this hub");
            }

            if (proof.Epoch != _epoch)
            {
                return ProofResult.Fail(ProofFailure.WrongEpoch, "the proof is for epoch " + proof.Epoch + " but this hub's epoch is " + _epoch);
            }

            byte[] expected = ThaliKeyProof.ComputeMac(key.Secret, _epoch, id, proof.Counter.ToString(), method, target);
            if (!HmacSha256.FixedTimeEquals(expected, proof.Mac))
            {
                return ProofResult.Fail(ProofFailure.BadMac, "the MAC does not match: another secret, or another method, target, counter or epoch was signed");
            }

            long highest;
            ProofFailure replay = key.Accept(_epoch, proof.Counter, out highest);
            if (replay == ProofFailure.Replayed)
            {
                return ProofResult.Fail(replay, "counter " + proof.Counter.ToString() + " was already used in this epoch");
            }

            if (replay == ProofFailure.TooOld)
            {
                return ProofResult.Fail(replay, "counter " + proof.Counter.ToString() + " is more than " + ProofKey.WindowSize.ToString()
                    + " below the highest accepted counter " + highest.ToString());
            }

            return ProofResult.Success(key.Id, false);
        }

        /// <summary>A fresh epoch from 16 bytes the caller draws from a good random source.</summary>
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
