using ThaliNano.Couch.Documents;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Http;
using ThaliNano.Store;

namespace ThaliNano.Couch.Local
{
    /// <summary>GET/PUT/DELETE /{db}/_local/{id}: replication checkpoints, revs "0-N", 404 bodies with "error":"not_found".</summary>
    internal sealed class LocalEndpoints
    {
        private readonly CouchContext _context;

        public LocalEndpoints(CouchContext context)
        {
            _context = context;
        }

        public void Handle(Route route, HttpRequest request, HttpResponse response, bool get)
        {
            if (get)
            {
                Get(route, response);
                return;
            }

            if (route.IsSystem)
            {
                throw CouchErrors.Forbidden("the system database has no _local documents");
            }

            if (request.Method == "PUT")
            {
                Put(route, request, response);
            }
            else
            {
                Delete(route, request, response);
            }
        }

        private void Get(Route route, HttpResponse response)
        {
            LocalDocument d = _context.Open(route).GetLocal(route.DocId);
            if (d == null)
            {
                throw CouchErrors.NotFound("missing");
            }

            Reply reply = Reply.Start(response, 200, _context.Options);
            DocumentJson.WriteLocal(reply, d);
            reply.Finish();
        }

        private void Put(Route route, HttpRequest request, HttpResponse response)
        {
            ParsedDocument d = DocumentWrites.ReadDocument(request, _context.Options);
            string rev = WriteRules.BodyOrQueryRev(request, d.Rev);
            Database db = _context.OpenForWrite(route);
            string written = d.Deleted ? DeleteExisting(db, route.DocId, rev) : db.PutLocal(route.DocId, rev, d.Body);
            DocumentWrites.Ok(response, 201, route.DocId, written, _context.Options);
        }

        private void Delete(Route route, HttpRequest request, HttpResponse response)
        {
            string rev = WriteRules.BodyOrQueryRev(request, null);
            string written = DeleteExisting(_context.OpenForWrite(route), route.DocId, rev);
            DocumentWrites.Ok(response, 200, route.DocId, written, _context.Options);
        }

        private static string DeleteExisting(Database db, string id, string rev)
        {
            if (db.GetLocal(id) == null)
            {
                throw CouchErrors.NotFound("missing");
            }

            return db.DeleteLocal(id, rev);
        }
    }
}
