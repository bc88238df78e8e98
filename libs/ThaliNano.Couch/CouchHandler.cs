using System;
using ThaliNano.Couch.Changes;
using ThaliNano.Couch.Databases;
using ThaliNano.Couch.Documents;
using ThaliNano.Couch.Local;
using ThaliNano.Couch.Replication;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Couch.Security;
using ThaliNano.Couch.Server;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch
{
    /// <summary>
    /// The CouchDB replication subset over a <see cref="DocumentStore"/>, with per-database ACLs: plug it into an
    /// <see cref="HttpServer"/>. Every request needs an authenticated principal (401), then the right to what it
    /// asks (403). README.md lists the endpoints, status codes and limits. Thread-safe.
    /// </summary>
    public sealed class CouchHandler : IHttpHandler
    {
        private readonly CouchContext _context;
        private readonly ServerEndpoints _server;
        private readonly DatabaseEndpoints _databases;
        private readonly DocumentReads _reads;
        private readonly DocumentWrites _writes;
        private readonly LocalEndpoints _local;
        private readonly RevsDiffEndpoint _revsDiff;
        private readonly BulkDocsEndpoint _bulkDocs;
        private readonly BulkGetEndpoint _bulkGet;
        private readonly AllDocsEndpoint _allDocs;
        private readonly ChangesEndpoint _changes;

        /// <summary>Opens (creating on first start) the system database and seeds its administrators with the owner.</summary>
        public CouchHandler(DocumentStore store, CouchOptions options)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            if (options.Owner != null && !PublicKeyId.TryParseBase64Url(options.Owner, out _))
            {
                throw new ArgumentException("Owner must be a key id: 43 base64url characters", "options");
            }

            _context = new CouchContext(store, options);
            _context.Acl.EnsureSystemDatabase();
            _server = new ServerEndpoints(_context);
            _databases = new DatabaseEndpoints(_context);
            _reads = new DocumentReads(_context);
            _writes = new DocumentWrites(_context);
            _local = new LocalEndpoints(_context);
            _revsDiff = new RevsDiffEndpoint(_context);
            _bulkDocs = new BulkDocsEndpoint(_context);
            _bulkGet = new BulkGetEndpoint(_context);
            _allDocs = new AllDocsEndpoint(_context);
            _changes = new ChangesEndpoint(_context);
            SystemWrites = new SystemDatabaseWrites(_context);
        }

        /// <summary>The hub's own writes to the system database: group memberships, ACLs of firmware databases.</summary>
        public SystemDatabaseWrites SystemWrites { get; private set; }

        /// <summary>
        /// Tells waiting _changes feeds that something wrote to the store without going through this handler (they
        /// would otherwise notice at their next poll, <see cref="CouchOptions.FeedPollMilliseconds"/>). Also empties the
        /// ACL cache, for writes to the system database.
        /// </summary>
        public void StoreChanged()
        {
            _context.Acl.Invalidate();
            _context.Notifier.Notify();
        }

        /// <summary>True when the principal (a base64url key id) is listed in the system database's admins document.</summary>
        public bool IsAdmin(string principal)
        {
            return principal != null && _context.Acl.IsAdmin(principal);
        }

        /// <summary>True when the principal (a base64url key id) is a member of the system database's <c>group:{group}</c>.</summary>
        public bool IsGroupMember(string group, string principal)
        {
            return principal != null && GroupNames.IsValid(group) && _context.Acl.IsMember(group, principal);
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            try
            {
                _context.Acl.Demand(request.Principal, null, Access.Authenticated);
                Dispatch(Router.Parse(request.PathSegments, _context.Options), request, response);
            }
            catch (StoreException e)
            {
                throw CouchErrors.FromStore(e);
            }
            catch (JsonException e)
            {
                throw CouchErrors.InvalidJson(e);
            }
            catch (ArgumentException e)
            {
                throw CouchErrors.BadRequest(e.Message);
            }
        }

        private void Dispatch(Route route, HttpRequest request, HttpResponse response)
        {
            string method = request.Method;
            bool get = method == "GET" || method == "HEAD";
            switch (route.Kind)
            {
                case RouteKind.Root:
                    Only(get, "GET,HEAD");
                    _server.Welcome(response);
                    return;
                case RouteKind.AllDbs:
                    Only(get, "GET,HEAD");
                    _server.AllDbs(request, response);
                    return;
                case RouteKind.Session:
                    throw CouchErrors.NotFound("this hub has no _session: it authenticates every request by the client's key");
                case RouteKind.UnknownServerEndpoint:
                    throw CouchErrors.NotFound("this hub does not serve /" + route.Endpoint);
                case RouteKind.Database:
                    DatabaseRoute(route, request, response, method, get);
                    return;
                case RouteKind.Document:
                    Only(get || method == "PUT" || method == "DELETE", "GET,HEAD,PUT,DELETE");
                    Demand(request, route, get ? Access.Read : Access.Write);
                    if (get)
                    {
                        _reads.Get(route, request, response);
                    }
                    else if (method == "PUT")
                    {
                        _writes.Put(route, request, response);
                    }
                    else
                    {
                        _writes.Delete(route, request, response);
                    }

                    return;
                case RouteKind.Local:
                    Only(get || method == "PUT" || method == "DELETE", "GET,HEAD,PUT,DELETE");
                    Demand(request, route, get ? Access.ReadOrWrite : Access.LocalWrite);
                    _local.Handle(route, request, response, get);
                    return;
                case RouteKind.AllDocs:
                    Only(get || method == "POST", "GET,HEAD,POST");
                    Demand(request, route, Access.Read);
                    _allDocs.Handle(route, request, response);
                    return;
                case RouteKind.Changes:
                    Only(get || method == "POST", "GET,HEAD,POST");
                    Demand(request, route, Access.Read);
                    _changes.Handle(route, request, response);
                    return;
                case RouteKind.RevsDiff:
                    Only(method == "POST", "POST");
                    Demand(request, route, Access.ReadOrWrite);
                    _revsDiff.Handle(route, request, response);
                    return;
                case RouteKind.BulkDocs:
                    Only(method == "POST", "POST");
                    Demand(request, route, Access.Write);
                    _bulkDocs.Handle(route, request, response);
                    return;
                case RouteKind.BulkGet:
                    Only(method == "POST", "POST");
                    Demand(request, route, Access.Read);
                    _bulkGet.Handle(route, request, response);
                    return;
                case RouteKind.EnsureFullCommit:
                    Only(method == "POST", "POST");
                    Demand(request, route, Access.ReadOrWrite);
                    _databases.EnsureFullCommit(route, response);
                    return;
                case RouteKind.Attachment:
                    Demand(request, route, get ? Access.Read : Access.Write);
                    throw CouchErrors.BadRequest(CouchErrors.AttachmentsUnsupported);
                case RouteKind.Design:
                    Demand(request, route, get ? Access.Read : Access.Write);
                    throw get ? CouchErrors.NotFound(CouchErrors.DesignUnsupported) : CouchErrors.Forbidden(CouchErrors.DesignUnsupported);
                case RouteKind.NotImplemented:
                    Demand(request, route, Access.ReadOrWrite);
                    throw CouchErrors.NotImplemented("/" + route.Db + "/" + route.Endpoint + " is not supported by this hub");
                default:
                    Demand(request, route, Access.ReadOrWrite);
                    throw CouchErrors.IllegalDocId(CouchErrors.UnderscoreId);
            }
        }

        private void DatabaseRoute(Route route, HttpRequest request, HttpResponse response, string method, bool get)
        {
            Only(get || method == "PUT" || method == "DELETE" || method == "POST", "GET,HEAD,PUT,DELETE,POST");
            if (get)
            {
                Demand(request, route, Access.ReadOrWrite);
                _databases.Info(route, response);
            }
            else if (method == "PUT")
            {
                Demand(request, route, Access.Admin);
                _databases.Create(route, response);
            }
            else if (method == "DELETE")
            {
                Demand(request, route, Access.Admin);
                _databases.Delete(route, request, response);
            }
            else
            {
                Demand(request, route, Access.Write);
                _writes.Post(route, request, response);
            }
        }

        private void Demand(HttpRequest request, Route route, Access access)
        {
            _context.Acl.Demand(request.Principal, route, access);
        }

        private static void Only(bool allowed, string methods)
        {
            if (!allowed)
            {
                throw CouchErrors.MethodNotAllowed(methods);
            }
        }
    }
}
