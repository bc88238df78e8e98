using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Couch.Security;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Documents
{
    /// <summary>PUT and DELETE /{db}/{docid}, POST /{db}: 201 {"ok":true,"id","rev"} (202 with batch=ok), 200 for DELETE.</summary>
    internal sealed class DocumentWrites
    {
        private readonly CouchContext _context;

        public DocumentWrites(CouchContext context)
        {
            _context = context;
        }

        /// <summary>Writes {"ok":true,"id":..,"rev":..} (without rev for 202, as CouchDB's batch=ok) and the ETag.</summary>
        public static void Ok(HttpResponse response, int status, string id, string rev, CouchOptions options)
        {
            if (rev != null && status != 202)
            {
                response.Headers.Set("ETag", "\"" + rev + "\"");
            }

            Reply reply = Reply.Start(response, status, options);
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("ok");
            w.WriteBoolean(true);
            w.WritePropertyName("id");
            w.WriteString(id);
            if (status != 202)
            {
                w.WritePropertyName("rev");
                w.WriteString(rev);
            }

            w.WriteEndObject();
            reply.Finish();
        }

        /// <summary>Reads the request body as one document (400 when it is not an object, attachments refused).</summary>
        public static ParsedDocument ReadDocument(HttpRequest request, CouchOptions options)
        {
            string type = request.Headers.Get("Content-Type");
            if (type != null && type.StartsWith("multipart/"))
            {
                throw CouchErrors.BadRequest(CouchErrors.AttachmentsUnsupported + " (multipart document bodies carry attachments)");
            }

            JsonReader r = JsonInput.Open(request.Body, options);
            JsonInput.StartObject(r, "Document");
            ParsedDocument d = new DocumentParser(options).Parse(r);
            JsonInput.End(r);
            if (d.HasAttachments)
            {
                throw CouchErrors.BadRequest(CouchErrors.AttachmentsUnsupported);
            }

            return d;
        }

        public void Put(Route route, HttpRequest request, HttpResponse response)
        {
            bool newEdits = Query.Bool(request, "new_edits", true);
            bool batchOk = BatchOk(request);
            ParsedDocument d = ReadDocument(request, _context.Options);
            string id = route.DocId;
            Database db = _context.OpenForWrite(route);
            if (route.IsSystem)
            {
                if (!newEdits)
                {
                    throw SystemHistory.ReplicatedWriteRefused();
                }

                SystemDocuments.Validate(id, d.Deleted, d.Body);
            }

            WriteBatch batch = new WriteBatch();
            if (newEdits)
            {
                string edited = WriteRules.EditedRev(request, d.Rev);
                if (route.IsSystem)
                {
                    SystemHistory.CheckEdit(db, id, edited, d.Deleted);
                }

                batch.Put(id, edited, d.Body, d.Deleted);
            }
            else
            {
                int start;
                string problem;
                string[] ancestry = WriteRules.Ancestry(d, out start, out problem);
                if (ancestry == null)
                {
                    throw CouchErrors.BadRequest(problem);
                }

                batch.PutReplicated(id, start, ancestry, d.Deleted, d.Body);
            }

            string rev = WriteRules.CommitOne(db, batch);
            _context.Written(route);
            Ok(response, batchOk ? 202 : 201, id, rev, _context.Options);
        }

        public void Delete(Route route, HttpRequest request, HttpResponse response)
        {
            string id = route.DocId;
            string rev = WriteRules.EditedRev(request, null);
            Database db = _context.OpenForWrite(route);
            if (rev == null)
            {
                Document current = db.Get(id);
                if (current == null || current.Deleted)
                {
                    throw CouchErrors.NotFound(current == null ? "missing" : "deleted");
                }

                throw CouchErrors.DocumentConflict();
            }

            if (route.IsSystem)
            {
                SystemDocuments.Validate(id, true, null);
                SystemHistory.CheckEdit(db, id, rev, true);
            }

            string deleted = db.Delete(id, rev);
            _context.Written(route);
            Ok(response, BatchOk(request) ? 202 : 200, id, deleted, _context.Options);
        }

        /// <summary>POST /{db}: a new document, its id from "_id" or generated (32 hex digits).</summary>
        public void Post(Route route, HttpRequest request, HttpResponse response)
        {
            if (route.IsSystem)
            {
                throw CouchErrors.Forbidden("the system database takes PUT /" + Router.SystemDatabase + "/{id} only");
            }

            bool batchOk = BatchOk(request);
            ParsedDocument d = ReadDocument(request, _context.Options);
            Database db = _context.OpenForWrite(route);
            string id = d.Id;
            if (id == null)
            {
                id = _context.Ids.Next(route.Db, db.GetInfo().UpdateSeq);
            }
            else
            {
                HttpException refused = WriteRules.CheckId(id);
                if (refused != null)
                {
                    throw refused;
                }
            }

            DocumentReads.CheckRev(d.Rev);
            WriteBatch batch = new WriteBatch();
            batch.Put(id, d.Rev, d.Body, d.Deleted);
            string rev = WriteRules.CommitOne(db, batch);
            _context.Written(route);
            Ok(response, batchOk ? 202 : 201, id, rev, _context.Options);
        }

        private static bool BatchOk(HttpRequest request)
        {
            string batch = request.Query.Get("batch");
            if (batch != null && batch != "ok")
            {
                throw CouchErrors.QueryParseError("Invalid value for batch=\"" + batch + "\": only batch=ok exists");
            }

            return batch != null;
        }
    }
}
