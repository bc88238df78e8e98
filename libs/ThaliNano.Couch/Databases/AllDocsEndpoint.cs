using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Databases
{
    /// <summary>
    /// GET/POST /{db}/_all_docs. Supported: keys (POST body or query), key, startkey/start_key, endkey/end_key,
    /// inclusive_end, descending, skip, limit, include_docs, conflicts, update_seq. Keys are JSON strings (document ids).
    /// Design documents do not exist on the hub; attachments=true and other view options that change the result
    /// (group, reduce=true, ...) get a 400.
    /// </summary>
    internal sealed class AllDocsEndpoint
    {
        private readonly CouchContext _context;

        public AllDocsEndpoint(CouchContext context)
        {
            _context = context;
        }

        public void Handle(Route route, HttpRequest request, HttpResponse response)
        {
            CouchOptions o = _context.Options;
            Query.RejectTrue(request, "attachments", CouchErrors.AttachmentsUnsupported);
            Query.RejectTrue(request, "reduce", "_all_docs has no reduce function");
            Query.RejectTrue(request, "group", "_all_docs has no reduce function to group");
            bool includeDocs = Query.Bool(request, "include_docs", false);
            ReadOptions docOptions = Query.Bool(request, "conflicts", false) ? ReadOptions.Conflicts : ReadOptions.None;
            bool descending = Query.Bool(request, "descending", false);
            bool inclusiveEnd = Query.Bool(request, "inclusive_end", true);
            bool updateSeq = Query.Bool(request, "update_seq", false);
            long skip = Query.Integer(request, "skip", 0, long.MaxValue);
            long limit = Query.Integer(request, "limit", long.MaxValue, long.MaxValue);
            string[] keys = Keys(request, o);
            string key = Query.JsonString(request, "key");
            string start = key != null ? key : Either(request, "startkey", "start_key");
            string end = key != null ? key : Either(request, "endkey", "end_key");

            Database db = _context.Open(route);
            DatabaseInfo info = db.GetInfo();
            Rows rows = new Rows(db, includeDocs, docOptions, skip, limit);
            Reply reply = Reply.Start(response, 200, o);
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("total_rows");
            w.WriteNumber(info.DocCount);
            if (keys != null)
            {
                Head(w, -1, updateSeq, info.UpdateSeq);
                for (int i = 0; i < keys.Length && rows.Wanted; i++)
                {
                    rows.Key(reply, keys[i]);
                }
            }
            else
            {
                AllDocsScan scan = new AllDocsScan(db, start, end, inclusiveEnd, descending, o.AllDocsScanBatch);
                int n = scan.NextBatch();
                Head(w, scan.Before + skip, updateSeq, info.UpdateSeq);
                while (n > 0 && rows.Wanted)
                {
                    for (int i = 0; i < n && rows.Wanted; i++)
                    {
                        rows.Listed(reply, scan.IdAt(i), scan.RevAt(i));
                    }

                    n = rows.Wanted ? scan.NextBatch() : 0;
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
            reply.Finish();
        }

        /// <summary>Writes offset (unless negative: keys queries have none), update_seq when asked, and opens rows.</summary>
        private static void Head(JsonWriter w, long offset, bool updateSeq, long seq)
        {
            if (offset >= 0)
            {
                w.WritePropertyName("offset");
                w.WriteNumber(offset);
            }

            if (updateSeq)
            {
                w.WritePropertyName("update_seq");
                w.WriteNumber(seq);
            }

            w.WritePropertyName("rows");
            w.WriteStartArray();
        }

        private static string Either(HttpRequest request, string name, string alias)
        {
            string v = Query.JsonString(request, name);
            return v != null ? v : Query.JsonString(request, alias);
        }

        /// <summary>keys from a POST body {"keys":[...]} or the keys query parameter; null when neither.</summary>
        private static string[] Keys(HttpRequest request, CouchOptions o)
        {
            string[] keys = null;
            string query = request.Query.Get("keys");
            if (query != null)
            {
                keys = Query.JsonStringArray(query, "keys", o.MaxRequestItems);
            }

            if (request.Method != "POST" || request.ContentLength == 0)
            {
                return keys;
            }

            string[] body = JsonInput.FindStringArray(JsonInput.Open(request.Body, o), "keys", o.MaxRequestItems, "The _all_docs body");
            if (body != null && keys != null)
            {
                throw CouchErrors.QueryParseError("`keys` is given in both the query and the body");
            }

            return body != null ? body : keys;
        }

        /// <summary>Writes rows after skip, up to limit.</summary>
        private sealed class Rows
        {
            private readonly Database _db;
            private readonly bool _includeDocs;
            private readonly ReadOptions _docOptions;
            private long _skip;
            private long _limit;

            public Rows(Database db, bool includeDocs, ReadOptions docOptions, long skip, long limit)
            {
                _db = db;
                _includeDocs = includeDocs;
                _docOptions = docOptions;
                _skip = skip;
                _limit = limit;
            }

            public bool Wanted
            {
                get { return _limit > 0; }
            }

            /// <summary>A row of a range listing.</summary>
            public void Listed(Reply reply, string id, string rev)
            {
                Document doc = null;
                if (_includeDocs && _skip == 0)
                {
                    // Deleted since the scan saw it: not a row at all.
                    doc = _db.Get(id, null, _docOptions);
                    if (doc == null || doc.Deleted)
                    {
                        return;
                    }

                    rev = doc.Rev;
                }

                if (!Skipped())
                {
                    Write(reply, id, rev, false, doc);
                }
            }

            /// <summary>A row of a keys query: the document, its tombstone, or {"key","error":"not_found"}.</summary>
            public void Key(Reply reply, string key)
            {
                if (Skipped())
                {
                    return;
                }

                Document doc = _db.Get(key, null, _docOptions);
                if (doc == null)
                {
                    JsonWriter w = reply.Json;
                    w.WriteStartObject();
                    w.WritePropertyName("key");
                    w.WriteString(key);
                    w.WritePropertyName("error");
                    w.WriteString("not_found");
                    w.WriteEndObject();
                    return;
                }

                Write(reply, key, doc.Rev, doc.Deleted, doc);
            }

            private bool Skipped()
            {
                if (_skip > 0)
                {
                    _skip--;
                    return true;
                }

                _limit--;
                return false;
            }

            private void Write(Reply reply, string id, string rev, bool deleted, Document doc)
            {
                JsonWriter w = reply.Json;
                w.WriteStartObject();
                w.WritePropertyName("id");
                w.WriteString(id);
                w.WritePropertyName("key");
                w.WriteString(id);
                w.WritePropertyName("value");
                w.WriteStartObject();
                w.WritePropertyName("rev");
                w.WriteString(rev);
                if (deleted)
                {
                    w.WritePropertyName("deleted");
                    w.WriteBoolean(true);
                }

                w.WriteEndObject();
                if (_includeDocs)
                {
                    w.WritePropertyName("doc");
                    if (deleted)
                    {
                        w.WriteNull();
                    }
                    else
                    {
                        DocumentJson.Write(reply, doc, _docOptions);
                    }
                }

                w.WriteEndObject();
            }
        }
    }
}
