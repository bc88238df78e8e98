using System;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// <c>POST /_mesh/contact</c>, mounted at /_mesh behind the authenticator: one contact round trip, request and reply
    /// <see cref="ContentType"/>, the reply streamed (chunked) as the responder writes it. Only the owner, the admins
    /// of _thali and members of <c>group:carriers</c> may contact the hub (403 otherwise). The principal is the contact's
    /// transport peer: the hello must name that key. A request beyond the node's frame limit is 413; a refused request
    /// (nothing written yet) gets <c>{"error":"contact_refused","refusal":name,"reason":...}</c>: 413 too large, 403 not
    /// allowed, 400 otherwise; 503 while the mesh is unavailable.
    /// </summary>
    public sealed class MeshEndpoint : IHttpHandler
    {
        /// <summary>Where the hub mounts it.</summary>
        public const string Prefix = "_mesh";

        public const string ContentType = "application/vnd.thalinano.contact";

        private readonly MeshService _mesh;
        private readonly PairingRegistry _registry;
        private readonly CouchHandler _couch;

        public MeshEndpoint(MeshService mesh, PairingRegistry registry, CouchHandler couch)
        {
            if (mesh == null || registry == null || couch == null)
            {
                throw new ArgumentNullException(mesh == null ? "mesh" : registry == null ? "registry" : "couch");
            }

            _mesh = mesh;
            _registry = registry;
            _couch = couch;
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            string[] path = request.PathSegments;
            if (path.Length != 2 || path[1] != "contact")
            {
                throw new HttpException(404, "not_found", "the mesh endpoint is /_mesh/contact");
            }

            PublicKeyId peer = Authorize(request.Principal);
            if (request.Method != "POST")
            {
                JsonReply.MethodNotAllowed(response, "POST", "a contact is POST /_mesh/contact");
                return;
            }

            if (_mesh.Node == null)
            {
                throw new HttpException(503, "mesh_unavailable", _mesh.Error);
            }

            if (!IsContactType(request.Headers.Get("Content-Type")))
            {
                throw new HttpException(415, "unsupported_media_type", "a contact request is " + ContentType);
            }

            int limit = _mesh.Node.MaxInboundFrameBytes;
            if (request.ContentLength > limit)
            {
                throw new HttpException(413, "too_large", "a contact request frame is at most " + limit.ToString() + " bytes");
            }

            response.Headers.Set("Content-Type", ContentType);
            response.Headers.Set("Cache-Control", "no-store");
            LazyResponseBody body = new LazyResponseBody(response);
            ContactReport report = _mesh.Respond(request.Body, body, peer);
            if (!body.Started && report.Refusal != ContactRefusal.None)
            {
                SendRefusal(response, report);
            }
        }

        /// <summary><c>{"error":"contact_refused","refusal":"&lt;ContactRefusal name&gt;","reason":...}</c>: carriers map the name back.</summary>
        private static void SendRefusal(HttpResponse response, ContactReport report)
        {
            MemoryStream json = new MemoryStream();
            JsonWriter w = new JsonWriter(json);
            w.WriteStartObject();
            w.WritePropertyName("error");
            w.WriteString("contact_refused");
            w.WritePropertyName("refusal");
            w.WriteString(NameOf(report.Refusal));
            w.WritePropertyName("reason");
            w.WriteString(report.Reason == null ? "" : report.Reason);
            w.WriteEndObject();
            w.Flush();
            response.StatusCode = StatusOf(report.Refusal);
            response.Headers.Set("Content-Type", "application/json");
            response.Send(json.ToArray());
        }

        /// <summary>The enum's name (nanoFramework's Enum.ToString gives the number).</summary>
        private static string NameOf(ContactRefusal refusal)
        {
            switch (refusal)
            {
                case ContactRefusal.Malformed:
                    return "Malformed";
                case ContactRefusal.TooLarge:
                    return "TooLarge";
                case ContactRefusal.BadVersion:
                    return "BadVersion";
                case ContactRefusal.WrongPeer:
                    return "WrongPeer";
                case ContactRefusal.WrongPhase:
                    return "WrongPhase";
                case ContactRefusal.NotAllowed:
                    return "NotAllowed";
                case ContactRefusal.Cut:
                    return "Cut";
                default:
                    return "None";
            }
        }

        private PublicKeyId Authorize(string principal)
        {
            if (principal == null)
            {
                throw new HttpException(401, "unauthorized", "a contact needs an authenticated principal");
            }

            PublicKeyId owner = _registry.Owner;
            bool isOwner = owner != null && owner.ToBase64Url() == principal;
            if (!isOwner && !_couch.IsAdmin(principal) && !_couch.IsGroupMember(MeshOptions.CarrierGroup, principal))
            {
                throw new HttpException(403, "forbidden", "only the owner, the admins and group:" + MeshOptions.CarrierGroup + " may contact this hub");
            }

            PublicKeyId id;
            if (!PublicKeyId.TryParseBase64Url(principal, out id))
            {
                throw new HttpException(403, "forbidden", "the principal is not a key id");
            }

            return id;
        }

        /// <summary>The media type, case-insensitively, with or without parameters.</summary>
        private static bool IsContactType(string type)
        {
            if (type == null)
            {
                return false;
            }

            int parameters = type.IndexOf(';');
            return (parameters < 0 ? type : type.Substring(0, parameters)).Trim().ToLower() == ContentType;
        }

        private static int StatusOf(ContactRefusal refusal)
        {
            if (refusal == ContactRefusal.TooLarge)
            {
                return 413;
            }

            return refusal == ContactRefusal.NotAllowed ? 403 : 400;
        }
    }
}
