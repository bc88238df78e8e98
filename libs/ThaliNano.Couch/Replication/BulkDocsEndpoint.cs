using System.Collections;
using System;
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
    /// POST /{db}/_bulk_docs {"docs":[...],"new_edits":bool}: the documents are parsed one at a time from the request
    /// stream (at most <see cref="CouchOptions.MaxBulkDocs"/>, within <see cref="CouchOptions.MaxBulkBytes"/>), then
    /// written in one group commit (one sync). 201 with an array: per document {"ok":true,"id","rev"} or
    /// {"id","error","reason"}; with new_edits=false only the failures (usually []), as CouchDB 3. Design documents and
    /// documents with attachments get per-document "forbidden" entries, which replicators skip.
    /// </summary>
    internal sealed class BulkDocsEndpoint
    {
        private readonly CouchContext _context;

        public BulkDocsEndpoint(CouchContext context)
        {
            _context = context;
        }

        public void Handle(Route route, HttpRequest request, HttpResponse response)
        {
            if (route.IsSystem)
            {
                throw CouchErrors.Forbidden("the system database takes PUT /" + Router.SystemDatabase + "/{id} only");
            }

            bool newEdits = true;
            ArrayList docs = Read(request, ref newEdits);
            Database db = _context.OpenForWrite(route);
            int n = docs.Count;
            string[] ids = new string[n];
            HttpException[] refused = new HttpException[n];
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < n; i++)
            {
                ParsedDocument d = (ParsedDocument)docs[i];
                docs[i] = null;
                refused[i] = Prepare(d, newEdits, db, route, batch, out ids[i]);
            }

            WriteResult[] results = batch.Count == 0 ? new WriteResult[0] : db.Commit(batch);
            if (batch.Count > 0)
            {
                _context.Written(route);
            }

            Reply reply = Reply.Start(response, 201, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartArray();
            int next = 0;
            for (int i = 0; i < n; i++)
            {
                HttpException error = refused[i];
                string rev = null;
                if (error == null)
                {
                    WriteResult result = results[next++];
                    rev = result.Rev;
                    if (result.Error != null)
                    {
                        error = WriteRules.FromWriteError(result.Error);
                    }
                }

                if (error == null && !newEdits)
                {
                    continue;
                }

                w.WriteStartObject();
                if (error == null)
                {
                    w.WritePropertyName("ok");
                    w.WriteBoolean(true);
                }

                w.WritePropertyName("id");
                w.WriteString(ids[i]);
                if (error == null)
                {
                    w.WritePropertyName("rev");
                    w.WriteString(rev);
                }
                else
                {
                    w.WritePropertyName("error");
                    w.WriteString(error.Error);
                    w.WritePropertyName("reason");
                    w.WriteString(error.Reason);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            reply.Finish();
        }

        /// <summary>Parses the body: the documents (bounded in count and RAM) and new_edits, in whichever order they come.</summary>
        private ArrayList Read(HttpRequest request, ref bool newEdits)
        {
            CouchOptions o = _context.Options;
            JsonReader r = JsonInput.Open(request.Body, o);
            JsonInput.StartObject(r, "The _bulk_docs body");
            DocumentParser parser = new DocumentParser(o);
            ArrayList docs = null;
            long held = 0;
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                bool isDocs = r.ValueEquals("docs");
                bool isNewEdits = r.ValueEquals("new_edits");
                bool isAllOrNothing = r.ValueEquals("all_or_nothing");
                r.Read();
                if (isDocs)
                {
                    if (r.TokenType != JsonToken.StartArray)
                    {
                        throw CouchErrors.BadRequest("`docs` parameter must be an array.");
                    }

                    docs = new ArrayList();
                    while (r.Read() && r.TokenType != JsonToken.EndArray)
                    {
                        if (docs.Count == o.MaxBulkDocs)
                        {
                            throw CouchErrors.TooLarge("too_many_docs",
                                "a _bulk_docs request may hold at most " + o.MaxBulkDocs.ToString() + " documents on this hub");
                        }

                        ParsedDocument d = parser.Parse(r);
                        held += d.Cost;
                        if (held > o.MaxBulkBytes)
                        {
                            throw CouchErrors.TooLarge("request_too_large",
                                "the documents of this _bulk_docs request need more than " + o.MaxBulkBytes.ToString()
                                + " bytes of RAM on this hub; send fewer at a time");
                        }

                        docs.Add(d);
                    }
                }
                else if (isNewEdits)
                {
                    newEdits = JsonInput.Boolean(r, "new_edits");
                }
                else if (isAllOrNothing)
                {
                    if (JsonInput.Boolean(r, "all_or_nothing"))
                    {
                        throw CouchErrors.BadRequest("all_or_nothing is not supported by this hub");
                    }
                }
                else
                {
                    r.Skip();
                }
            }

            JsonInput.End(r);
            if (docs == null)
            {
                throw CouchErrors.BadRequest("POST body must include `docs` parameter.");
            }

            return docs;
        }

        /// <summary>Adds a document's write to the batch, or returns why it is refused without writing.</summary>
        private HttpException Prepare(ParsedDocument d, bool newEdits, Database db, Route route, WriteBatch batch, out string id)
        {
            id = d.Id;
            if (id == null)
            {
                if (!newEdits)
                {
                    return CouchErrors.BadRequest("_id is required with new_edits=false");
                }

                id = _context.Ids.Next(route.Db, db.GetInfo().UpdateSeq);
            }

            HttpException refused = WriteRules.CheckId(id);
            if (refused != null)
            {
                return refused;
            }

            if (d.HasAttachments)
            {
                return CouchErrors.Forbidden(CouchErrors.AttachmentsUnsupported);
            }

            if (newEdits)
            {
                try
                {
                    DocumentReads.CheckRev(d.Rev);
                }
                catch (HttpException e)
                {
                    return e;
                }

                batch.Put(id, d.Rev, d.Body, d.Deleted);
                return null;
            }

            int start;
            string problem;
            string[] ancestry = WriteRules.Ancestry(d, out start, out problem);
            if (ancestry == null)
            {
                return CouchErrors.BadRequest(problem);
            }

            batch.PutReplicated(id, start, ancestry, d.Deleted, d.Body);
            return null;
        }
    }
}
