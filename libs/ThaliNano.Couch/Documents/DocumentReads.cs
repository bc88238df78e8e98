using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replication;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store.Revisions;
using ThaliNano.Store;

namespace ThaliNano.Couch.Documents
{
    /// <summary>GET/HEAD /{db}/{docid}: the winner, a given rev, latest, revs, conflicts, and open_revs (JSON or multipart/mixed).</summary>
    internal sealed class DocumentReads
    {
        private readonly CouchContext _context;

        public DocumentReads(CouchContext context)
        {
            _context = context;
        }

        /// <summary>
        /// The ReadOptions of the revs, conflicts and deleted_conflicts flags; rejects what the hub cannot serve
        /// (revs_info unless <paramref name="revsInfoServed"/>: single-document reads only).
        /// </summary>
        public static ReadOptions Options(HttpRequest request, bool revsInfoServed)
        {
            Query.RejectTrue(request, "attachments", CouchErrors.AttachmentsUnsupported);
            if (!revsInfoServed)
            {
                Query.RejectTrue(request, "revs_info", "revs_info is served for single documents only: use revs=true");
            }

            Query.RejectTrue(request, "local_seq", "local_seq is not supported by this hub");
            Query.RejectTrue(request, "meta", "meta is not supported by this hub: use conflicts=true and deleted_conflicts=true");
            ReadOptions options = ReadOptions.None;
            if (Query.Bool(request, "revs", false))
            {
                options |= ReadOptions.Revisions;
            }

            if (Query.Bool(request, "conflicts", false))
            {
                options |= ReadOptions.Conflicts;
            }

            if (Query.Bool(request, "deleted_conflicts", false))
            {
                options |= ReadOptions.DeletedConflicts;
            }

            return options;
        }

        /// <summary>Checks the "N-hash" form of a revision the client sent: 400 "Invalid rev format" otherwise.</summary>
        public static void CheckRev(string rev)
        {
            Revision parsed;
            if (rev != null && !Revision.TryParse(rev, out parsed))
            {
                throw CouchErrors.BadRequest("Invalid rev format");
            }
        }

        public void Get(Route route, HttpRequest request, HttpResponse response)
        {
            string openRevs = request.Query.Get("open_revs");
            ReadOptions options = Options(request, openRevs == null);
            bool revsInfo = openRevs == null && Query.Bool(request, "revs_info", false);
            bool latest = Query.Bool(request, "latest", false);
            Database db = _context.Open(route);
            if (openRevs != null)
            {
                OpenRevs(db, route, request, response, openRevs, latest, options);
                return;
            }

            string rev = request.Query.Get("rev");
            CheckRev(rev);
            ReadOptions read = revsInfo ? options | ReadOptions.Revisions : options;
            Document d;
            if (rev == null)
            {
                d = db.Get(route.DocId, null, read);
                if (d != null && d.Deleted)
                {
                    throw CouchErrors.NotFound("deleted");
                }
            }
            else if (latest)
            {
                OpenRevision[] found = db.GetOpenRevs(route.DocId, new string[] { rev }, true, read);
                d = found.Length == 0 ? null : found[0].Document;
            }
            else
            {
                d = db.Get(route.DocId, rev, read);
            }

            if (d == null)
            {
                throw CouchErrors.NotFound("missing");
            }

            response.Headers.Set("ETag", "\"" + d.Rev + "\"");
            Reply reply = Reply.Start(response, 200, _context.Options);
            DocumentJson.Write(reply, d, options, revsInfo);
            reply.Finish();
        }

        private void OpenRevs(Database db, Route route, HttpRequest request, HttpResponse response, string openRevs, bool latest,
            ReadOptions options)
        {
            string[] revs = openRevs == "all" ? null : Query.JsonStringArray(openRevs, "open_revs", _context.Options.MaxRequestItems);
            OpenRevision[] answers = db.GetOpenRevs(route.DocId, revs, latest, options);
            if (revs == null && answers.Length == 0)
            {
                throw CouchErrors.NotFound("missing");
            }

            string accept = request.Headers.Get("Accept");
            if (accept != null && accept.IndexOf("multipart/mixed") >= 0)
            {
                OpenRevsMultipart.Send(response, answers, options, _context);
                return;
            }

            Reply reply = Reply.Start(response, 200, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartArray();
            for (int i = 0; i < answers.Length; i++)
            {
                w.WriteStartObject();
                if (answers[i].Document != null)
                {
                    w.WritePropertyName("ok");
                    DocumentJson.Write(reply, answers[i].Document, options);
                }
                else
                {
                    w.WritePropertyName("missing");
                    w.WriteString(answers[i].MissingRev);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            reply.Finish();
        }
    }
}
