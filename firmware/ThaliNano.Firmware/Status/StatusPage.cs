using System;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// The hub's status page, mounted at /_status behind the authenticator (README.md): GET shows identity (httpkey URLs,
    /// a QR code of the shortest), uptime, memory, storage, the mesh, and for the owner and admins the databases, paired
    /// principals, groups and recent errors, as HTML or (<c>?format=json</c>, or <c>Accept: application/json</c>) JSON.
    /// The owner and admins may POST /_status/compact?db=NAME and /_status/purge-delivered with their
    /// <see cref="ActionToken"/>. Every paired principal may read; anonymous requests get 401.
    /// </summary>
    public sealed class StatusPage : IHttpHandler
    {
        /// <summary>Where the hub mounts it.</summary>
        public const string Prefix = "_status";

        public const string CompactAction = "compact";
        public const string PurgeDeliveredAction = "purge-delivered";

        private readonly HubFacts _facts;
        private readonly ActionToken _token;
        private string _lastAction;

        /// <param name="configuration">The hub's configuration: registry, key id, URLs, store options, <see cref="HubConfiguration.Status"/>.</param>
        /// <param name="hubUuid">The hub's uuid.</param>
        /// <param name="store">The served store.</param>
        /// <param name="couch">The Couch handler (who is an admin, the groups).</param>
        /// <param name="errors">The recent errors the hub feeds.</param>
        public StatusPage(HubConfiguration configuration, string hubUuid, DocumentStore store, CouchHandler couch, RecentErrors errors)
        {
            if (configuration == null || store == null || couch == null || errors == null)
            {
                throw new ArgumentNullException(configuration == null ? "configuration" : store == null ? "store" : couch == null ? "couch" : "errors");
            }

            _facts = new HubFacts(configuration, hubUuid, store, couch, errors);
            _token = new ActionToken(configuration.EpochRandom);
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            string[] path = request.PathSegments;
            if (path.Length > 2)
            {
                throw NotFound();
            }

            string principal = request.Principal;
            if (principal == null)
            {
                throw new HttpException(401, "unauthorized", "the status page needs an authenticated principal");
            }

            if (path.Length == 1)
            {
                if (request.Method == "GET" || request.Method == "HEAD")
                {
                    Page(request, response, principal);
                }
                else
                {
                    JsonReply.MethodNotAllowed(response, "GET, HEAD", "this status resource allows GET, HEAD");
                }

                return;
            }

            if (path[1] != CompactAction && path[1] != PurgeDeliveredAction)
            {
                throw NotFound();
            }

            if (request.Method != "POST")
            {
                JsonReply.MethodNotAllowed(response, "POST", "this status resource allows POST");
                return;
            }

            if (!_facts.IsAdmin(principal))
            {
                throw new HttpException(403, "forbidden", "only the hub's owner and the admins of _thali may run status actions");
            }

            if (!_token.Accepts(principal, ActionRequest.Token(request)))
            {
                throw new HttpException(403, "forbidden", "the action token is missing or wrong: send the one this hub's status page "
                    + "shows you (form field \"token\" or header " + ActionRequest.TokenHeader + "); it changes at every start");
            }

            if (path[1] == CompactAction)
            {
                Compact(request, response);
            }
            else
            {
                PurgeDelivered(request, response);
            }
        }

        private void Page(HttpRequest request, HttpResponse response, string principal)
        {
            bool json = WantsJson(request);
            string token = _facts.IsAdmin(principal) ? _token.For(principal) : null;
            response.Headers.Set("Cache-Control", "no-store");
            if (json)
            {
                response.Headers.Set("Content-Type", "application/json");
                new StatusJson(_facts, response.BeginChunked(), principal, token).Write(_lastAction);
                return;
            }

            response.Headers.Set("Content-Type", "text/html; charset=utf-8");
            // No script, no external asset, forms post to this hub only, no framing.
            response.Headers.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
            response.Headers.Set("X-Content-Type-Options", "nosniff");
            response.Headers.Set("Referrer-Policy", "no-referrer");
            new StatusHtml(_facts, response.BeginChunked(), principal, token).Write(_lastAction);
        }

        private static bool WantsJson(HttpRequest request)
        {
            string format = request.Query.Get("format");
            if (format == "json")
            {
                return true;
            }

            if (format == "html")
            {
                return false;
            }

            if (format != null)
            {
                throw new HttpException(400, "bad_request", "format is html or json");
            }

            string accept = request.Headers.Get("Accept");
            return accept != null && accept.IndexOf("application/json") >= 0;
        }

        private void Compact(HttpRequest request, HttpResponse response)
        {
            string name = request.Query.Get("db");
            if (name == null || name.Length == 0)
            {
                throw new HttpException(400, "bad_request", "compact needs the database: POST /_status/compact?db=NAME");
            }

            if (name != HubFacts.SystemDatabase && !DatabaseNames.IsValid(name))
            {
                throw new HttpException(400, "illegal_database_name", "not a database name: " + name);
            }

            Database db = _facts.Open(name);
            if (db == null)
            {
                throw new HttpException(404, "not_found", "there is no database " + name);
            }

            CompactionResult result;
            try
            {
                result = db.Compact();
            }
            catch (InsufficientStorageException e)
            {
                throw new HttpException(507, "insufficient_storage", "compaction needs room for the live data: " + e.Message);
            }
            catch (StoreException e)
            {
                throw new HttpException(500, "store_error", "compaction failed: " + e.Message);
            }

            _lastAction = (result.Salvaged ? "salvaged " : "compacted ") + name + ": " + result.SizeBefore.ToString() + " to "
                + result.SizeAfter.ToString() + " bytes";
            if (Done(request, response))
            {
                return;
            }

            JsonReply reply = JsonReply.Ok();
            reply.Json.WritePropertyName("db");
            reply.Json.WriteString(name);
            reply.Number("size_before", result.SizeBefore);
            reply.Number("size_after", result.SizeAfter);
            reply.Number("records_copied", result.RecordsCopied);
            reply.Number("tombstones_dropped", result.TombstonesDropped);
            reply.Json.WritePropertyName("salvaged");
            reply.Json.WriteBoolean(result.Salvaged);
            reply.Number("bytes_lost", result.BytesLost);
            reply.Send(response, 200);
        }

        private void PurgeDelivered(HttpRequest request, HttpResponse response)
        {
            IMeshStatus mesh = _facts.Mesh;
            if (mesh == null)
            {
                throw new HttpException(409, "conflict", "mesh: off: this hub has no mesh, so nothing was delivered to free");
            }

            long freed = mesh.FreeDelivered();
            _lastAction = "freed " + freed.ToString() + " bytes of delivered readings";
            if (Done(request, response))
            {
                return;
            }

            JsonReply reply = JsonReply.Ok();
            reply.Number("bytes_freed", freed);
            reply.Send(response, 200);
        }

        // A browser's form post is answered by going back to the page (303), which shows the last action.
        private static bool Done(HttpRequest request, HttpResponse response)
        {
            string accept = request.Headers.Get("Accept");
            if (accept == null || accept.IndexOf("text/html") < 0)
            {
                return false;
            }

            response.StatusCode = 303;
            response.Headers.Set("Location", "/" + Prefix);
            response.Headers.Set("Cache-Control", "no-store");
            response.Send(null);
            return true;
        }

        private static HttpException NotFound()
        {
            return new HttpException(404, "not_found", "the status page is /_status; its actions are POST /_status/compact?db=NAME "
                + "and POST /_status/purge-delivered");
        }
    }
}
