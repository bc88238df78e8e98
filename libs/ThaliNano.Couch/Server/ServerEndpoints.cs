using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Couch.Security;
using ThaliNano.Http;
using ThaliNano.Json;

namespace ThaliNano.Couch.Server
{
    /// <summary>GET / (the welcome document with the hub's stable uuid) and GET /_all_dbs (the databases the principal may read).</summary>
    internal sealed class ServerEndpoints
    {
        private readonly CouchContext _context;

        public ServerEndpoints(CouchContext context)
        {
            _context = context;
        }

        public void Welcome(HttpResponse response)
        {
            CouchOptions o = _context.Options;
            Reply reply = Reply.Start(response, 200, o);
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("couchdb");
            w.WriteString("Welcome");
            w.WritePropertyName("version");
            w.WriteString(o.CouchVersion);
            w.WritePropertyName("uuid");
            w.WriteString(o.HubUuid);
            w.WritePropertyName("vendor");
            w.WriteStartObject();
            w.WritePropertyName("name");
            w.WriteString("ThaliNano");
            w.WritePropertyName("version");
            w.WriteString(o.VendorVersion);
            w.WriteEndObject();
            w.WriteEndObject();
            reply.Finish();
        }

        public void AllDbs(HttpRequest request, HttpResponse response)
        {
            string principal = request.Principal;
            string[] names = _context.Store.ListDatabases();
            Reply reply = Reply.Start(response, 200, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartArray();
            if (_context.Acl.IsAdmin(principal))
            {
                w.WriteString(Router.SystemDatabase);
            }

            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] != _context.Options.SystemDatabaseStoreName && _context.Acl.MayRead(principal, names[i]))
                {
                    w.WriteString(names[i]);
                }
            }

            w.WriteEndArray();
            reply.Finish();
        }
    }
}
