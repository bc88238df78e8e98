namespace ThaliNano.Couch.Routing
{
    /// <summary>What a request path names.</summary>
    internal enum RouteKind
    {
        /// <summary>/</summary>
        Root,

        /// <summary>/_all_dbs</summary>
        AllDbs,

        /// <summary>/_session (answered 404: the hub authenticates by client key).</summary>
        Session,

        /// <summary>/_something else: a CouchDB server endpoint the hub does not have.</summary>
        UnknownServerEndpoint,

        /// <summary>/{db}</summary>
        Database,

        /// <summary>/{db}/{docid}</summary>
        Document,

        /// <summary>/{db}/{docid}/{attachment...}</summary>
        Attachment,

        /// <summary>/{db}/_local/{id}</summary>
        Local,

        /// <summary>/{db}/_design/... (design documents, views).</summary>
        Design,

        AllDocs,
        Changes,
        RevsDiff,
        BulkDocs,
        BulkGet,
        EnsureFullCommit,

        /// <summary>/{db}/_find, _index, _purge, ...: CouchDB endpoints the hub does not implement (501).</summary>
        NotImplemented,

        /// <summary>/{db}/_anything else: an id CouchDB reserves (400 illegal_docid).</summary>
        ReservedId,
    }
}
