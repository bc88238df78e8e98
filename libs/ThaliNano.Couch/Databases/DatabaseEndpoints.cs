using System.Text;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Couch.Security;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Databases
{
    /// <summary>GET/HEAD/PUT/DELETE /{db} and POST /{db}/_ensure_full_commit.</summary>
    internal sealed class DatabaseEndpoints
    {
        private static readonly byte[] s_ok = Encoding.UTF8.GetBytes("{\"ok\":true}");
        private static readonly byte[] s_committed = Encoding.UTF8.GetBytes("{\"ok\":true,\"instance_start_time\":\"0\"}");
        private readonly CouchContext _context;

        public DatabaseEndpoints(CouchContext context)
        {
            _context = context;
        }

        /// <summary>The database info the replicators read: update_seq (an integer) and instance_start_time "0" above all.</summary>
        public void Info(Route route, HttpResponse response)
        {
            DatabaseInfo info = _context.Open(route).GetInfo();
            Reply reply = Reply.Start(response, 200, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("db_name");
            w.WriteString(route.Db);
            w.WritePropertyName("update_seq");
            w.WriteNumber(info.UpdateSeq);
            w.WritePropertyName("purge_seq");
            w.WriteNumber(0);
            w.WritePropertyName("doc_count");
            w.WriteNumber(info.DocCount);
            w.WritePropertyName("doc_del_count");
            w.WriteNumber(info.DeletedDocCount);
            w.WritePropertyName("instance_start_time");
            w.WriteString("0");
            w.WritePropertyName("sizes");
            w.WriteStartObject();
            w.WritePropertyName("file");
            w.WriteNumber(info.SizeOnFlash);
            w.WritePropertyName("active");
            w.WriteNumber(info.LiveBytesEstimate > 0 ? info.LiveBytesEstimate : info.SizeOnFlash);
            w.WritePropertyName("external");
            w.WriteNumber(info.LiveBytesEstimate > 0 ? info.LiveBytesEstimate : info.SizeOnFlash);
            w.WriteEndObject();
            w.WritePropertyName("compact_running");
            w.WriteBoolean(false);
            if (info.IsReadOnly)
            {
                w.WritePropertyName("read_only");
                w.WriteBoolean(true);
                w.WritePropertyName("corruption");
                w.WriteString(info.Corruption);
            }

            w.WriteEndObject();
            reply.Finish();
        }

        public void Create(Route route, HttpResponse response)
        {
            _context.Store.CreateDatabase(route.StoreName);
            Reply.Send(response, 201, s_ok);
        }

        public void Delete(Route route, HttpRequest request, HttpResponse response)
        {
            if (route.IsSystem)
            {
                throw CouchErrors.Forbidden("the system database " + Router.SystemDatabase + " cannot be deleted");
            }

            if (request.Query.Contains("rev"))
            {
                throw CouchErrors.BadRequest("You tried to DELETE a database with a ?rev= parameter. Did you mean to delete a document instead?");
            }

            if (!_context.Store.DeleteDatabase(route.StoreName))
            {
                throw CouchErrors.DatabaseNotFound();
            }

            _context.Acl.ForgetDatabase(route.Db);
            _context.Notifier.Notify();
            Reply.Send(response, 200, s_ok);
        }

        /// <summary>Every write is durable when acknowledged, so this only confirms the database exists: 201 as CouchDB.</summary>
        public void EnsureFullCommit(Route route, HttpResponse response)
        {
            _context.Open(route);
            Reply.Send(response, 201, s_committed);
        }
    }
}
