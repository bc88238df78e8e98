namespace ThaliNano.Identity
{
    /// <summary>The outcome of <see cref="ProofVerifier.Verify"/>: a principal, or a failure with a precise reason.</summary>
    public sealed class ProofResult
    {
        private readonly PublicKeyId _principal;
        private readonly ProofFailure _failure;
        private readonly string _reason;
        private readonly bool _byTransport;

        private ProofResult(PublicKeyId principal, ProofFailure failure, string reason, bool byTransport)
        {
            _principal = principal;
            _failure = failure;
            _reason = reason;
            _byTransport = byTransport;
        }

        internal static ProofResult Success(PublicKeyId principal, bool byTransport)
        {
            return new ProofResult(principal, ProofFailure.None, null, byTransport);
        }

        internal static ProofResult Fail(ProofFailure failure, string reason)
        {
            return new ProofResult(null, failure, reason, false);
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
            get { return _byTransport; }
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
