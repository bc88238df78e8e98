using System;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// Establishes each request's principal and passes the request on with <see cref="HttpRequest.Principal"/> set to
    /// it (base64url key id), or to null for an anonymous request. The principal is the key TLS authenticated when the
    /// transport knows it (host board), else the one a ThaliKey proof header proves (ESP32; accepted on the host too, so
    /// one client works against both); when both exist they must agree. A key that is not paired authenticates nobody.
    /// A proof binds the request body: the handler reads it through <see cref="VerifiedBody"/>, which refuses (400) a
    /// body that does not hash to the signed digest before its last byte is handed out. A proof that fails is answered
    /// here (401, or 400 when malformed) with the hub's challenge; a request without credentials goes on as anonymous
    /// and its reply carries the challenge, so a client learns the current epoch.
    /// </summary>
    public sealed class PrincipalAuthenticator : IHttpHandler
    {
        private readonly IHttpHandler _inner;
        private readonly PairingRegistry _registry;
        private readonly ProofVerifier _verifier;
        private readonly IHubRequestLog _log;

        public PrincipalAuthenticator(IHttpHandler inner, PairingRegistry registry, ProofVerifier verifier, IHubRequestLog log)
        {
            if (inner == null)
            {
                throw new ArgumentNullException("inner");
            }

            if (registry == null)
            {
                throw new ArgumentNullException("registry");
            }

            if (verifier == null)
            {
                throw new ArgumentNullException("verifier");
            }

            _inner = inner;
            _registry = registry;
            _verifier = verifier;
            _log = log;
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            if (!Authenticate(request, response))
            {
                return;
            }

            string principal = request.Principal;
            VerifiedBody body = request.Body as VerifiedBody;
            int status = 500;
            try
            {
                _inner.Handle(request, response);
                status = response.StatusCode;
            }
            catch (HttpException e)
            {
                status = response.HeadersSent ? response.StatusCode : e.StatusCode;
                bool refusedProof = body != null && body.Mismatched;
                if ((principal != null && !refusedProof) || response.HeadersSent)
                {
                    throw;
                }

                // The server's own error reply would drop the challenge: an anonymous client needs it to learn the epoch,
                // and a refused proof is answered like every other refusal.
                if (e.CloseConnection)
                {
                    response.CloseConnection();
                }

                response.Headers.Set("WWW-Authenticate", _verifier.Challenge);
                response.SendError(e.StatusCode, e.Error, e.Reason);
            }
            finally
            {
                Record(request, status);
            }
        }

        /// <summary>
        /// Sets the request's principal (null for an anonymous one, which gets the challenge) and wraps a proven body in a
        /// <see cref="VerifiedBody"/>; false once a refused proof was answered. The proof is taken out of the request's
        /// headers: the handlers behind neither see it nor keep it in RAM while they run (nor does this frame).
        /// </summary>
        private bool Authenticate(HttpRequest request, HttpResponse response)
        {
            PublicKeyId transportKey = PairedTransportKey(request.TransportPrincipal);
            string authorization = request.TakeHeader("authorization");
            if (authorization == null && transportKey == null)
            {
                response.Headers.Set("WWW-Authenticate", _verifier.Challenge);
                return true;
            }

            ProofResult result = _verifier.Verify(request.Method, request.Target, authorization, transportKey);
            if (!result.Succeeded)
            {
                Refuse(request, response, result);
                return false;
            }

            request.Principal = result.Principal.ToBase64Url();
            if (!result.ByTransport)
            {
                request.Body = new VerifiedBody(request.Body, result.GetBodyDigest());
            }

            return true;
        }

        private PublicKeyId PairedTransportKey(string transportPrincipal)
        {
            PublicKeyId key;
            if (transportPrincipal == null || !PublicKeyId.TryParseBase64Url(transportPrincipal, out key))
            {
                return null;
            }

            return _registry.IsPaired(key) ? key : null;
        }

        private void Refuse(HttpRequest request, HttpResponse response, ProofResult result)
        {
            response.Headers.Set("WWW-Authenticate", _verifier.Challenge);
            if (result.Failure == ProofFailure.Malformed)
            {
                response.SendError(400, "bad_request", result.Reason);
            }
            else
            {
                response.SendError(401, "unauthorized", result.Reason);
            }

            Record(request, response.StatusCode);
        }

        private void Record(HttpRequest request, int status)
        {
            if (_log != null)
            {
                _log.Request(request.Method, request.Target, request.Principal, status);
            }
        }
    }
}
