using ThaliNano.Couch.Documents;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Replication
{
    /// <summary>
    /// POST /{db}/_bulk_get {"docs":[{"id","rev"?},...]} -> {"results":[{"id","docs":[{"ok":doc}|{"error":{"id","rev",
    /// "error","reason"}}]}]}: exactly one result per requested entry, in request order, each read and answered before
    /// the next is parsed. latest=true answers the leaves descending from rev; revs=true adds _revisions.
    /// </summary>
    internal sealed class BulkGetEndpoint
    {
        private readonly CouchContext _context;

        public BulkGetEndpoint(CouchContext context)
        {
            _context = context;
        }

        public void Handle(Route route, HttpRequest request, HttpResponse response)
        {
            ReadOptions options = DocumentReads.Options(request, false);
            bool latest = Query.Bool(request, "latest", false);
            Database db = _context.Open(route);
            JsonReader r = JsonInput.Open(request.Body, _context.Options);
            JsonInput.StartObject(r, "The _bulk_get body");
            Reply reply = Reply.Start(response, 200, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("results");
            w.WriteStartArray();
            bool sawDocs = false;
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                bool isDocs = r.ValueEquals("docs");
                r.Read();
                if (!isDocs)
                {
                    r.Skip();
                    continue;
                }

                if (r.TokenType != JsonToken.StartArray)
                {
                    throw CouchErrors.BadRequest("`docs` parameter must be an array.");
                }

                sawDocs = true;
                int count = 0;
                while (r.Read() && r.TokenType != JsonToken.EndArray)
                {
                    if (++count > _context.Options.MaxRequestItems)
                    {
                        throw CouchErrors.TooLarge("too_many_items",
                            "a _bulk_get request may ask for at most " + _context.Options.MaxRequestItems.ToString() + " documents");
                    }

                    string id;
                    string rev;
                    ReadEntry(r, out id, out rev);
                    Answer(db, reply, id, rev, latest, options);
                }
            }

            JsonInput.End(r);
            if (!sawDocs)
            {
                throw CouchErrors.BadRequest("POST body must include `docs` parameter.");
            }

            w.WriteEndArray();
            w.WriteEndObject();
            reply.Finish();
        }

        private static void ReadEntry(JsonReader r, out string id, out string rev)
        {
            if (r.TokenType != JsonToken.StartObject)
            {
                throw CouchErrors.BadRequest("each entry of docs must be an object {\"id\":..,\"rev\":..}");
            }

            id = null;
            rev = null;
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                bool isId = r.ValueEquals("id");
                bool isRev = r.ValueEquals("rev");
                r.Read();
                if (isId)
                {
                    id = JsonInput.String(r, "docs[].id");
                }
                else if (isRev)
                {
                    rev = JsonInput.String(r, "docs[].rev");
                }
                else
                {
                    r.Skip();
                }
            }
        }

        private static void Answer(Database db, Reply reply, string id, string rev, bool latest, ReadOptions options)
        {
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("id");
            DocumentJson.StringOrNull(w, id);
            w.WritePropertyName("docs");
            w.WriteStartArray();
            if (id == null || id.Length == 0)
            {
                Error(w, id, rev, "bad_request", "document id missed");
            }
            else if (rev == null)
            {
                Document d = db.Get(id, null, options);
                if (d == null || d.Deleted)
                {
                    Error(w, id, rev, "not_found", d == null ? "missing" : "deleted");
                }
                else
                {
                    Ok(reply, d, options);
                }
            }
            else
            {
                OpenRevision[] answers = db.GetOpenRevs(id, new string[] { rev }, latest, options);
                for (int i = 0; i < answers.Length; i++)
                {
                    if (answers[i].Document != null)
                    {
                        Ok(reply, answers[i].Document, options);
                    }
                    else
                    {
                        Error(w, id, rev, "not_found", "missing");
                    }
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Ok(Reply reply, Document d, ReadOptions options)
        {
            reply.Json.WriteStartObject();
            reply.Json.WritePropertyName("ok");
            DocumentJson.Write(reply, d, options);
            reply.Json.WriteEndObject();
        }

        private static void Error(JsonWriter w, string id, string rev, string error, string reason)
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WritePropertyName("id");
            DocumentJson.StringOrNull(w, id);
            w.WritePropertyName("rev");
            DocumentJson.StringOrNull(w, rev);
            w.WritePropertyName("error");
            w.WriteString(error);
            w.WritePropertyName("reason");
            w.WriteString(reason);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }
}
