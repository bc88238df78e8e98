using ThaliNano.Couch.Replies;
using ThaliNano.Http;

namespace ThaliNano.Couch.Routing
{
    /// <summary>Maps decoded path segments to a <see cref="Route"/>; throws the 400 and 404 replies of paths that name nothing.</summary>
    internal static class Router
    {
        /// <summary>What clients call the system database.</summary>
        public const string SystemDatabase = "_thali";

        private static readonly string[] s_notImplemented = new string[]
        {
            "_find", "_index", "_explain", "_purge", "_purged_infos", "_purged_infos_limit", "_compact", "_view_cleanup",
            "_security", "_revs_limit", "_missing_revs", "_design_docs", "_local_docs", "_partition", "_shards",
            "_sync_shards", "_all_docs_info", "_changes_info",
        };

        public static Route Parse(string[] segments, CouchOptions options)
        {
            Route route = new Route();
            if (segments.Length == 0)
            {
                route.Kind = RouteKind.Root;
                return route;
            }

            string first = segments[0];
            if (first.Length > 0 && first[0] == '_' && first != SystemDatabase)
            {
                route.Endpoint = first;
                route.Kind = segments.Length == 1 && first == "_all_dbs" ? RouteKind.AllDbs
                    : (segments.Length == 1 && first == "_session" ? RouteKind.Session : RouteKind.UnknownServerEndpoint);
                return route;
            }

            route.Db = first;
            route.IsSystem = first == SystemDatabase;
            route.StoreName = route.IsSystem ? options.SystemDatabaseStoreName : first;
            if (!route.IsSystem && first == options.SystemDatabaseStoreName)
            {
                throw new HttpException(400, "illegal_database_name", "Name: '" + first + "'. The name is reserved by the hub.");
            }

            if (segments.Length == 1)
            {
                route.Kind = RouteKind.Database;
                return route;
            }

            string second = segments[1];
            route.Endpoint = second;
            if (second.Length == 0 || second[0] != '_')
            {
                route.DocId = second;
                route.Kind = segments.Length == 2 ? RouteKind.Document : RouteKind.Attachment;
                return route;
            }

            if (second.StartsWith("_local/") && second.Length > 7 && segments.Length == 2)
            {
                // "_local%2Fid": the slash arrived encoded.
                route.Kind = RouteKind.Local;
                route.DocId = second;
                return route;
            }

            if (second == "_local")
            {
                if (segments.Length != 3)
                {
                    throw segments.Length == 2
                        ? CouchErrors.NotFound("/" + first + "/_local needs a document id: /" + first + "/_local/{id}")
                        : CouchErrors.BadRequest("_local documents do not accept attachments.");
                }

                route.Kind = RouteKind.Local;
                route.DocId = "_local/" + segments[2];
                return route;
            }

            if (second == "_design" || second.StartsWith("_design/"))
            {
                route.Kind = RouteKind.Design;
                return route;
            }

            route.Kind = EndpointKind(second);
            if (segments.Length > 2 && route.Kind != RouteKind.NotImplemented && route.Kind != RouteKind.ReservedId)
            {
                throw CouchErrors.NotFound("/" + first + "/" + second + " has no sub-resources");
            }

            return route;
        }

        private static RouteKind EndpointKind(string name)
        {
            switch (name)
            {
                case "_all_docs":
                    return RouteKind.AllDocs;
                case "_changes":
                    return RouteKind.Changes;
                case "_revs_diff":
                    return RouteKind.RevsDiff;
                case "_bulk_docs":
                    return RouteKind.BulkDocs;
                case "_bulk_get":
                    return RouteKind.BulkGet;
                case "_ensure_full_commit":
                    return RouteKind.EnsureFullCommit;
            }

            for (int i = 0; i < s_notImplemented.Length; i++)
            {
                if (s_notImplemented[i] == name)
                {
                    return RouteKind.NotImplemented;
                }
            }

            return RouteKind.ReservedId;
        }
    }
}
