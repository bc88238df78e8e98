using System;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// Pairing while the hub runs (firmware/README.md, "Pairing through the running hub"), mounted at /_pairing behind
    /// the authenticator: GET lists the paired principals, POST pairs a client certificate and answers its fresh proof
    /// secret (and optionally adds the new principal to a group), DELETE /_pairing/&lt;key id&gt; unpairs (and takes the
    /// principal out of every group). Only the owner and the admins of the system database may use it;
    /// only the owner may change who the owner is, or re-pair or unpair the owner's key. Changes reach the registry at
    /// once, so the next TLS handshake (host) and the next request's authentication see them.
    /// </summary>
    public sealed class PairingEndpoint : IHttpHandler
    {
        /// <summary>Where the hub mounts it.</summary>
        public const string Prefix = "_pairing";

        /// <summary>Largest request body: a certificate of a few KB as PEM inside a small JSON object.</summary>
        public const int MaxBodyBytes = 16384;

        private readonly PairingRegistry _registry;
        private readonly CouchHandler _couch;
        private readonly PrincipalPairing _pairing;

        public PairingEndpoint(PairingRegistry registry, CouchHandler couch)
        {
            if (registry == null)
            {
                throw new ArgumentNullException("registry");
            }

            if (couch == null)
            {
                throw new ArgumentNullException("couch");
            }

            _registry = registry;
            _couch = couch;
            _pairing = new PrincipalPairing(registry, couch);
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            string[] path = request.PathSegments;
            if (path.Length > 2)
            {
                throw new HttpException(404, "not_found", "the pairing endpoint is /_pairing and /_pairing/<key id>");
            }

            string principal = Authorize(request.Principal);
            if (path.Length == 1)
            {
                if (request.Method == "GET" || request.Method == "HEAD")
                {
                    List(response);
                }
                else if (request.Method == "POST")
                {
                    Pair(principal, request, response);
                }
                else
                {
                    JsonReply.MethodNotAllowed(response, "GET, HEAD, POST", "this pairing resource allows GET, HEAD, POST");
                }
            }
            else if (request.Method == "DELETE")
            {
                Unpair(principal, path[1], response);
            }
            else
            {
                JsonReply.MethodNotAllowed(response, "DELETE", "this pairing resource allows DELETE");
            }
        }

        private string Authorize(string principal)
        {
            if (principal == null)
            {
                throw new HttpException(401, "unauthorized", "pairing needs an authenticated principal");
            }

            if (!IsOwner(principal) && !_couch.IsAdmin(principal))
            {
                throw new HttpException(403, "forbidden", "only the hub's owner and the admins of _thali may manage pairings");
            }

            return principal;
        }

        private bool IsOwner(string principal)
        {
            PublicKeyId owner = _registry.Owner;
            return owner != null && owner.ToBase64Url() == principal;
        }

        private void List(HttpResponse response)
        {
            PublicKeyId owner = _registry.Owner;
            PublicKeyId[] principals = _registry.Principals();
            JsonReply reply = new JsonReply();
            JsonWriter w = reply.Json;
            w.WritePropertyName("owner");
            if (owner == null)
            {
                w.WriteNull();
            }
            else
            {
                w.WriteString(owner.ToBase64Url());
            }

            w.WritePropertyName("principals");
            w.WriteStartArray();
            for (int i = 0; i < principals.Length; i++)
            {
                w.WriteStartObject();
                w.WritePropertyName("key");
                w.WriteString(principals[i].ToBase64Url());
                w.WritePropertyName("owner");
                w.WriteBoolean(principals[i] == owner);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            reply.Send(response, 200);
        }

        private void Pair(string principal, HttpRequest request, HttpResponse response)
        {
            PairRequest pair = PairRequest.Read(request);
            byte[] certificate = pair.DecodeCertificate();
            PublicKeyId key = KeyOf(certificate);
            if (pair.Owner && !IsOwner(principal))
            {
                throw new HttpException(403, "forbidden", "only the owner may make another key the owner");
            }

            if (!IsOwner(principal) && key == _registry.Owner)
            {
                throw new HttpException(403, "forbidden", "only the owner may re-pair the owner's key");
            }

            byte[] secret = _registry.NewSecret();
            try
            {
                _pairing.Pair(certificate, secret, pair.Group, pair.Owner);
            }
            catch (ArgumentException e)
            {
                throw new HttpException(400, "bad_request", "the certificate cannot be paired: " + e.Message);
            }

            JsonReply reply = OkFor(key);
            reply.Json.WritePropertyName("owner");
            reply.Json.WriteBoolean(key == _registry.Owner);
            if (pair.Group != null)
            {
                reply.Json.WritePropertyName("group");
                reply.Json.WriteString(pair.Group);
            }

            reply.Json.WritePropertyName("secret");
            reply.Json.WriteString(Base64Url.Encode(secret));
            response.Headers.Set("Location", "/" + Prefix + "/" + key.ToBase64Url());
            reply.Send(response, 201);
        }

        private void Unpair(string principal, string keyText, HttpResponse response)
        {
            PublicKeyId key;
            if (!PublicKeyId.TryParse(keyText, out key))
            {
                throw new HttpException(400, "bad_request", "a key id is 43 base64url characters or 64 lowercase hex digits");
            }

            if (key == _registry.Owner)
            {
                if (!IsOwner(principal))
                {
                    throw new HttpException(403, "forbidden", "only the owner may unpair the owner");
                }

                throw new HttpException(409, "conflict", "the owner cannot unpair itself: make another key the owner first "
                    + "(POST /_pairing with \"owner\":true)");
            }

            if (!_registry.Unpair(key))
            {
                throw new HttpException(404, "not_found", "key " + key.ToBase64Url() + " is not paired");
            }

            string[] left = _couch.SystemWrites.RemoveFromAllGroups(key.ToBase64Url());
            JsonReply reply = OkFor(key);
            reply.Json.WritePropertyName("groups");
            reply.Json.WriteStartArray();
            for (int i = 0; i < left.Length; i++)
            {
                reply.Json.WriteString(left[i]);
            }

            reply.Json.WriteEndArray();
            reply.Send(response, 200);
        }

        private static PublicKeyId KeyOf(byte[] certificate)
        {
            try
            {
                return PublicKeyId.FromCertificate(certificate);
            }
            catch (DerFormatException e)
            {
                throw new HttpException(400, "bad_request", "the certificate is not strict DER X.509: " + e.Message);
            }
        }

        /// <summary>A reply that starts <c>{"ok":true,"key":...</c>.</summary>
        private static JsonReply OkFor(PublicKeyId key)
        {
            JsonReply reply = JsonReply.Ok();
            reply.Json.WritePropertyName("key");
            reply.Json.WriteString(key.ToBase64Url());
            return reply;
        }
    }
}
