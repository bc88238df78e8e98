namespace ThaliNano.Couch.Routing
{
    /// <summary>A parsed request path.</summary>
    internal sealed class Route
    {
        public RouteKind Kind;

        /// <summary>The database as clients name it ("_thali" for the system database); null for server routes.</summary>
        public string Db;

        /// <summary>The database's name in the store (differs from <see cref="Db"/> only for the system database).</summary>
        public string StoreName;

        /// <summary>True for the system database.</summary>
        public bool IsSystem;

        /// <summary>The document id ("_local/..." for local documents); null when the route names none.</summary>
        public string DocId;

        /// <summary>The path segment that named an endpoint (for messages).</summary>
        public string Endpoint;
    }
}
