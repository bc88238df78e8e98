using System.Collections;
using System;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Http;
using ThaliNano.Store;

namespace ThaliNano.Couch.Security
{
    /// <summary>
    /// Decides who may do what, from the documents of the system database (see <see cref="SystemDocuments"/>), kept
    /// parsed in a small cache that any write to the system database through the handler empties. Administrators
    /// may do everything; everyone else needs the database's read or write list. Thread-safe.
    /// </summary>
    internal sealed class AccessControl
    {
        private readonly DocumentStore _store;
        private readonly CouchOptions _options;
        private readonly object _sync = new object();
        private readonly Hashtable _cache = new Hashtable();
        private int _generation;

        public AccessControl(DocumentStore store, CouchOptions options)
        {
            _store = store;
            _options = options;
        }

        /// <summary>The system database, created (with the configured owner as the only administrator) when missing.</summary>
        public Database SystemDatabase()
        {
            string name = _options.SystemDatabaseStoreName;
            Database db = _store.DatabaseExists(name) ? _store.OpenDatabase(name) : CreateSystemDatabase(name);
            return db;
        }

        /// <summary>Creates the system database if needed and seeds "admins" with the owner when it has none.</summary>
        public void EnsureSystemDatabase()
        {
            Database db = SystemDatabase();
            Document admins = db.Get(SystemDocuments.AdminsId);
            if ((admins == null || admins.Deleted) && _options.Owner != null)
            {
                db.Put(SystemDocuments.AdminsId, admins == null ? null : admins.Rev, SystemDocuments.AdminsBody(_options.Owner));
                Invalidate();
            }
        }

        /// <summary>Throws 401 without a principal and 403 when the principal lacks the right.</summary>
        public void Demand(string principal, Route route, Access access)
        {
            HttpException refusal = Refusal(principal, route, access);
            if (refusal != null)
            {
                throw refusal;
            }
        }

        /// <summary>
        /// Changes whenever the system database was written (through the handler or <see cref="Invalidate"/>): a live
        /// feed re-evaluates its principal's rights only when it moved.
        /// </summary>
        public int Generation
        {
            get
            {
                lock (_sync)
                {
                    return _generation;
                }
            }
        }

        /// <summary>The 401 or 403 reply the principal gets for the access, or null when it is allowed.</summary>
        public HttpException Refusal(string principal, Route route, Access access)
        {
            if (principal == null)
            {
                return CouchErrors.Unauthorized("this hub serves only authenticated clients: connect with a paired client key");
            }

            if (access == Access.Authenticated || IsAdmin(principal))
            {
                return null;
            }

            if (access == Access.Admin)
            {
                return CouchErrors.Forbidden("principal " + principal + " is not an administrator of this hub");
            }

            if (route.IsSystem)
            {
                return CouchErrors.Forbidden("only administrators may use the system database " + Router.SystemDatabase);
            }

            Acl acl = AclOf(route.Db);
            bool read = Contains(acl.Read, principal);
            bool write = Contains(acl.Write, principal);
            switch (access)
            {
                case Access.Read:
                    return read ? null : Denied(principal, "read", route.Db);
                case Access.Write:
                    return write ? null : Denied(principal, "write to", route.Db);
                case Access.LocalWrite:
                    return write || (read && _options.ReadersMayWriteCheckpoints) ? null
                        : CouchErrors.Forbidden("principal " + principal + " may not write _local documents of database '" + route.Db
                            + "': only principals on its write list may");
                default:
                    return read || write ? null : Denied(principal, "access", route.Db);
            }
        }

        /// <summary>For _all_dbs: may the principal read the database (the system database: administrators only)?</summary>
        public bool MayRead(string principal, string db)
        {
            if (IsAdmin(principal))
            {
                return true;
            }

            return db != Router.SystemDatabase && Contains(AclOf(db).Read, principal);
        }

        public bool IsAdmin(string principal)
        {
            string[] admins = (string[])Lookup(SystemDocuments.AdminsId);
            for (int i = 0; i < admins.Length; i++)
            {
                if (admins[i] == principal)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the principal is listed in <c>group:{group}</c> (cached like every system document).</summary>
        public bool IsMember(string group, string principal)
        {
            string[] members = (string[])Lookup(SystemDocuments.GroupPrefix + group);
            for (int i = 0; i < members.Length; i++)
            {
                if (members[i] == principal)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Forgets every cached document; called after each write to the system database.</summary>
        public void Invalidate()
        {
            lock (_sync)
            {
                _generation++;
                _cache.Clear();
            }
        }

        /// <summary>After a database was deleted: deletes its ACL document, so that a new database of that name starts closed.</summary>
        public void ForgetDatabase(string db)
        {
            Database system = SystemDatabase();
            string id = SystemDocuments.AclPrefix + db;
            Document acl = system.Get(id);
            if (acl != null && !acl.Deleted)
            {
                system.Delete(id, acl.Rev);
            }

            Invalidate();
        }

        private static HttpException Denied(string principal, string verb, string db)
        {
            return CouchErrors.Forbidden("principal " + principal + " may not " + verb + " database '" + db + "'");
        }

        private bool Contains(string[] entries, string principal)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                string e = entries[i];
                if (e == principal || e == SystemDocuments.Everyone)
                {
                    return true;
                }

                if (e.StartsWith(SystemDocuments.GroupPrefix))
                {
                    string[] members = (string[])Lookup(e);
                    for (int k = 0; k < members.Length; k++)
                    {
                        if (members[k] == principal)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private Acl AclOf(string db)
        {
            return (Acl)Lookup(SystemDocuments.AclPrefix + db);
        }

        /// <summary>
        /// The parsed system document: a string[] of members for "admins" and "group:...", an <see cref="Acl"/> for
        /// "acl:...". A missing document reads as empty. Loaded outside the lock; cached only if no write intervened.
        /// </summary>
        private object Lookup(string id)
        {
            int generation;
            lock (_sync)
            {
                object cached = _cache[id];
                if (cached != null)
                {
                    return cached;
                }

                generation = _generation;
            }

            object value = Load(id);
            lock (_sync)
            {
                if (generation == _generation)
                {
                    if (_cache.Count >= _options.AclCacheEntries)
                    {
                        _cache.Clear();
                    }

                    _cache[id] = value;
                }
            }

            return value;
        }

        /// <summary>
        /// Reads the document, then has the system database give back its pages, buffers and files: it is read only to fill
        /// this cache, so between fills it holds no RAM (a carrier's first request would otherwise keep it open for a
        /// release period, during a replication).
        /// </summary>
        private object Load(string id)
        {
            Database system = SystemDatabase();
            Document d = system.Get(id);
            system.TryReleaseCaches();
            bool missing = d == null || d.Deleted;
            if (id.StartsWith(SystemDocuments.AclPrefix))
            {
                return missing ? Acl.None
                    : new Acl(SystemDocuments.ReadList(d.Body, "read"), SystemDocuments.ReadList(d.Body, "write"));
            }

            return missing ? new string[0] : SystemDocuments.ReadList(d.Body, "members");
        }

        private Database CreateSystemDatabase(string name)
        {
            try
            {
                return _store.CreateDatabase(name);
            }
            catch (DatabaseExistsException)
            {
                return _store.OpenDatabase(name);
            }
        }
    }
}
