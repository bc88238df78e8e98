namespace ThaliNano.Couch.Security
{
    /// <summary>The right a request needs.</summary>
    internal enum Access
    {
        /// <summary>Any authenticated principal (GET /, _all_dbs, _session).</summary>
        Authenticated,

        /// <summary>On the database's read list.</summary>
        Read,

        /// <summary>On the database's write list.</summary>
        Write,

        /// <summary>On either list (GET /db, _revs_diff, reading _local checkpoints, _ensure_full_commit).</summary>
        ReadOrWrite,

        /// <summary>Writing _local documents: the write list (or the read list too, with ReadersMayWriteCheckpoints).</summary>
        LocalWrite,

        /// <summary>Administrators only (creating and deleting databases, the system database).</summary>
        Admin,
    }
}
