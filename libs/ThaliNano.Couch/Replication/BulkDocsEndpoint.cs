using System.Collections;
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
    /// stream (at most <see cref="CouchOptions.MaxBulkDocs"/>, weighing at most <see cref="CouchOptions.MaxBulkBytes"/>)
    /// into a <see cref="BulkDocsQueue"/>, then written in group commits of <see cref="CouchOptions.BulkCommitBytes"/>
    /// each (one sync each; a request lighter than that is one commit). 201 with an array: per document
    /// {"ok":true,"id","rev"} or {"id","error","reason"}; with new_edits=false only the failures (usually []), as
    /// CouchDB 3. Design documents and documents with attachments get per-document "forbidden" entries, which
    /// replicators skip.
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

            using (BulkDocsQueue docs = new BulkDocsQueue(_context.Store, _context.Options.BulkCommitBytes))
            {
                bool newEdits = true;
                Read(request, docs, ref newEdits);
                Database db = _context.OpenForWrite(route);
                ArrayList listed = new ArrayList();
                while (!docs.IsEmpty)
                {
                    CommitPart(docs, newEdits, db, route, listed);
                }

                WriteReply(response, listed);
            }
        }

        /// <summary>
        /// Takes documents from the queue until their weight reaches <see cref="CouchOptions.BulkCommitBytes"/>, writes
        /// them in one commit, and adds to <paramref name="listed"/>, in arrival order, the outcome of each one the reply
        /// lists: every document with new_edits=true, the failures only with new_edits=false (so a replicator's push holds
        /// nothing for the documents already written).
        /// </summary>
        private void CommitPart(BulkDocsQueue docs, bool newEdits, Database db, Route route, ArrayList listed)
        {
            WriteBatch batch = new WriteBatch();
            ArrayList part = new ArrayList();
            int weight = 0;
            while (!docs.IsEmpty && weight < _context.Options.BulkCommitBytes)
            {
                ParsedDocument d = docs.Take();
                weight += d.Cost;
                BulkDocsOutcome outcome = new BulkDocsOutcome();
                outcome.Error = Prepare(d, newEdits, db, route, batch, out outcome.Id);
                part.Add(outcome);
            }

            WriteResult[] results = batch.Count == 0 ? null : db.Commit(batch);
            if (results != null)
            {
                _context.Written(route);
            }

            int k = 0;
            for (int j = 0; j < part.Count; j++)
            {
                BulkDocsOutcome outcome = (BulkDocsOutcome)part[j];
                if (outcome.Error == null)
                {
                    WriteResult result = results[k++];
                    outcome.Error = result.Error == null ? null : WriteRules.FromWriteError(result.Error);
                    outcome.Rev = result.Rev;
                }

                if (newEdits || outcome.Error != null)
                {
                    listed.Add(outcome);
                }
            }
        }

        private void WriteReply(HttpResponse response, ArrayList listed)
        {
            Reply reply = Reply.Start(response, 201, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartArray();
            for (int i = 0; i < listed.Count; i++)
            {
                BulkDocsOutcome outcome = (BulkDocsOutcome)listed[i];
                w.WriteStartObject();
                if (outcome.Error == null)
                {
                    w.WritePropertyName("ok");
                    w.WriteBoolean(true);
                }

                w.WritePropertyName("id");
                w.WriteString(outcome.Id);
                if (outcome.Error == null)
                {
                    w.WritePropertyName("rev");
                    w.WriteString(outcome.Rev);
                }
                else
                {
                    w.WritePropertyName("error");
                    w.WriteString(outcome.Error.Error);
                    w.WritePropertyName("reason");
                    w.WriteString(outcome.Error.Reason);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            reply.Finish();
        }

        /// <summary>Parses the body into the queue: the documents (bounded in count and weight) and new_edits, in whichever order they come.</summary>
        private void Read(HttpRequest request, BulkDocsQueue docs, ref bool newEdits)
        {
            CouchOptions o = _context.Options;
            JsonReader r = JsonInput.Open(request.Body, o);
            JsonInput.StartObject(r, "The _bulk_docs body");
            DocumentParser parser = new DocumentParser(o);
            bool hasDocs = false;
            long weight = 0;
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

                    hasDocs = true;
                    while (r.Read() && r.TokenType != JsonToken.EndArray)
                    {
                        if (docs.Count == o.MaxBulkDocs)
                        {
                            throw CouchErrors.TooLarge("too_many_docs",
                                "a _bulk_docs request may hold at most " + o.MaxBulkDocs.ToString() + " documents on this hub");
                        }

                        ParsedDocument d = parser.Parse(r);
                        weight += d.Cost;
                        if (weight > o.MaxBulkBytes)
                        {
                            throw CouchErrors.TooLarge("request_too_large",
                                "the documents of this _bulk_docs request weigh more than the " + o.MaxBulkBytes.ToString()
                                + " bytes this hub takes at once; send fewer at a time");
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
            if (!hasDocs)
            {
                throw CouchErrors.BadRequest("POST body must include `docs` parameter.");
            }
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
