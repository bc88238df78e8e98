using ThaliNano.Couch.Changes;
using ThaliNano.Couch.Documents;
using ThaliNano.Couch.Routing;
using ThaliNano.Couch.Security;
using ThaliNano.Http;
using ThaliNano.Store;

namespace ThaliNano.Couch
{
    /// <summary>What every endpoint shares: the store, the options, access control, the change notifier, id generation.</summary>
    internal sealed class CouchContext
    {
        public CouchContext(DocumentStore store, CouchOptions options)
        {
            Store = store;
            Options = options;
            Acl = new AccessControl(store, options);
            Notifier = new ChangeNotifier();
            Ids = new DocIdGenerator(options.HubUuid);
        }

        public DocumentStore Store { get; private set; }

        public CouchOptions Options { get; private set; }

        public AccessControl Acl { get; private set; }

        public ChangeNotifier Notifier { get; private set; }

        public DocIdGenerator Ids { get; private set; }

        /// <summary>The route's database (404 when it does not exist).</summary>
        public Database Open(Route route)
        {
            return Store.OpenDatabase(route.StoreName);
        }

        /// <summary>The route's database for a write: 503 while corruption keeps it read-only.</summary>
        public Database OpenForWrite(Route route)
        {
            Database db = Open(route);
            if (db.IsReadOnly)
            {
                throw new HttpException(503, "read_only", "database '" + route.Db + "' is read-only: " + db.GetInfo().Corruption
                    + " (compaction salvages it)");
            }

            return db;
        }

        /// <summary>After a write: wakes waiting feeds; a write to the system database also empties the ACL cache.</summary>
        public void Written(Route route)
        {
            if (route.IsSystem)
            {
                Acl.Invalidate();
            }

            Notifier.Notify();
        }
    }
}
