using System;

namespace ThaliNano.Identity
{
    /// <summary>The outcome of <see cref="ProofVerifier.Verify"/>: a principal, or a failure with a precise reason.</summary>
    public sealed class ProofResult
    {
        private readonly PublicKeyId _principal;
        private readonly ProofFailure _failure;
        private readonly string _reason;
        private readonly byte[] _bodyDigest;

        private ProofResult(PublicKeyId principal, ProofFailure failure, string reason, byte[] bodyDigest)
        {
            _principal = principal;
            _failure = failure;
            _reason = reason;
            _bodyDigest = bodyDigest;
        }

        internal static ProofResult ByTransportKey(PublicKeyId principal)
        {
            return new ProofResult(principal, ProofFailure.None, null, null);
        }

        internal static ProofResult ByProof(PublicKeyId principal, byte[] bodyDigest)
        {
            return new ProofResult(principal, ProofFailure.None, null, bodyDigest);
        }

        internal static ProofResult Fail(ProofFailure failure, string reason)
        {
            return new ProofResult(null, failure, reason, null);
        }

        public bool Succeeded
        {
            get { return _failure == ProofFailure.None; }
        }

        /// <summary>The authenticated principal, or null on failure.</summary>
        public PublicKeyId Principal
        {
            get { return _principal; }
        }

        /// <summary>True when the principal came from the TLS client certificate alone (no header was sent).</summary>
        public bool ByTransport
        {
            get { return Succeeded && _bodyDigest == null; }
        }

        /// <summary>
        /// A copy of the SHA-256 the proof binds the request body to, when the principal came from a proof (null otherwise).
        /// The caller must not act on a body that does not hash to it.
        /// </summary>
        public byte[] GetBodyDigest()
        {
            if (_bodyDigest == null)
            {
                return null;
            }

            byte[] copy = new byte[_bodyDigest.Length];
            Array.Copy(_bodyDigest, copy, _bodyDigest.Length);
            return copy;
        }

        public ProofFailure Failure
        {
            get { return _failure; }
        }

        /// <summary>A sentence for the JSON "reason" of the error reply; null on success.</summary>
        public string Reason
        {
            get { return _reason; }
        }
    }
}
