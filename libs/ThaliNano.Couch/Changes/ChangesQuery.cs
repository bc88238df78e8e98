using System.Collections;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Changes
{
    /// <summary>The parameters of a _changes request, checked: what the hub cannot honour is a 400, never ignored.</summary>
    internal sealed class ChangesQuery
    {
        public const int Normal = 0;
        public const int Longpoll = 1;
        public const int Continuous = 2;

        public int Feed;

        /// <summary>Rows after this seq; -1 for "now" (resolved against the database).</summary>
        public long Since;

        /// <summary>Most rows; -1 for no limit.</summary>
        public long Limit;

        /// <summary>style=all_docs: every leaf revision; otherwise the winner only (main_only).</summary>
        public bool AllLeaves;

        public bool IncludeDocs;

        public ReadOptions DocOptions;

        /// <summary>Milliseconds a longpoll or continuous feed waits for changes.</summary>
        public int Timeout;

        /// <summary>Milliseconds between heartbeat newlines while waiting; 0 for none.</summary>
        public int Heartbeat;

        /// <summary>descending=true: newest first (feed=normal only).</summary>
        public bool Descending;

        /// <summary>filter=_doc_ids: the ids (keys) to report; null for every document.</summary>
        public Hashtable DocIds;

        public static ChangesQuery Parse(HttpRequest request, CouchOptions options)
        {
            ChangesQuery q = new ChangesQuery();
            q.Feed = FeedOf(request.Query.Get("feed"));
            q.Since = SinceOf(request.Query.Get("since"));
            q.Limit = Query.Integer(request, "limit", -1, long.MaxValue);
            string style = request.Query.Get("style");
            if (style != null && style != "all_docs" && style != "main_only")
            {
                throw CouchErrors.BadRequest("Invalid style=\"" + style + "\": use all_docs or main_only");
            }

            q.AllLeaves = style == "all_docs";
            q.IncludeDocs = Query.Bool(request, "include_docs", false);
            q.DocOptions = Query.Bool(request, "conflicts", false) ? ReadOptions.Conflicts : ReadOptions.None;
            Query.RejectTrue(request, "attachments", CouchErrors.AttachmentsUnsupported);
            q.Descending = Query.Bool(request, "descending", false);
            if (q.Descending && q.Feed != Normal)
            {
                throw CouchErrors.BadRequest("descending=true needs feed=normal on this hub: a live feed cannot run backwards");
            }

            Query.Integer(request, "seq_interval", 0, int.MaxValue);
            long timeout = Query.Integer(request, "timeout", options.DefaultFeedTimeoutMilliseconds, long.MaxValue);
            q.Timeout = (int)(timeout > options.MaxFeedTimeoutMilliseconds ? options.MaxFeedTimeoutMilliseconds : timeout);
            string heartbeat = request.Query.Get("heartbeat");
            long beat = heartbeat == "true" ? 60000 : Query.Integer(request, "heartbeat", 0, int.MaxValue);
            q.Heartbeat = (int)(beat > 0 && beat < 100 ? 100 : beat);
            string filter = request.Query.Get("filter");
            if (filter != null)
            {
                CheckFilter(filter);
                string ids = request.Query.Get("doc_ids");
                q.DocIds = ids != null ? Set(Query.JsonStringArray(ids, "doc_ids", options.MaxRequestItems)) : null;
                if (request.Method == "POST")
                {
                    ReadBody(request, options, q);
                }

                if (q.DocIds == null)
                {
                    throw CouchErrors.BadRequest("filter=_doc_ids needs doc_ids: a JSON array in the body or the query");
                }
            }

            return q;
        }

        /// <summary>
        /// Only _doc_ids runs here. "ddoc/name" names a design document's filter; as the hub has no design documents it
        /// is missing, which CouchDB answers 404 not_found "missing". Other names are 400, with CouchDB's reason.
        /// </summary>
        private static void CheckFilter(string filter)
        {
            if (filter == "_doc_ids")
            {
                return;
            }

            if (filter.Length > 0 && filter[0] == '_')
            {
                throw CouchErrors.BadRequest("filter=" + filter + " is not supported by this hub: only _doc_ids is");
            }

            int slash = filter.IndexOf('/');
            if (slash <= 0 || slash == filter.Length - 1 || filter.IndexOf('/', slash + 1) >= 0)
            {
                throw CouchErrors.BadRequest("`filter` must be of the form `designname/filtername`");
            }

            throw CouchErrors.NotFound("missing");
        }

        private static int FeedOf(string feed)
        {
            if (feed == null || feed == "normal")
            {
                return Normal;
            }

            if (feed == "longpoll")
            {
                return Longpoll;
            }

            if (feed == "continuous" || feed == "live")
            {
                return Continuous;
            }

            throw CouchErrors.BadRequest("Supported `feed` types on this hub: normal, longpoll, continuous (not " + feed + ")");
        }

        private static long SinceOf(string since)
        {
            if (since == null)
            {
                return 0;
            }

            if (since == "now")
            {
                return -1;
            }

            long n = Query.ParseNonNegative(since, uint.MaxValue);
            if (n < 0)
            {
                throw CouchErrors.BadRequest("Invalid since=\"" + since + "\": this hub's seqs are integers (or use now)");
            }

            return n;
        }

        private static void ReadBody(HttpRequest request, CouchOptions options, ChangesQuery q)
        {
            if (request.ContentLength == 0)
            {
                return;
            }

            string[] ids = JsonInput.FindStringArray(JsonInput.Open(request.Body, options), "doc_ids", options.MaxRequestItems, "The _changes body");
            if (ids != null)
            {
                q.DocIds = Set(ids);
            }
        }

        private static Hashtable Set(string[] ids)
        {
            Hashtable set = new Hashtable();
            for (int i = 0; i < ids.Length; i++)
            {
                set[ids[i]] = ids[i];
            }

            return set;
        }
    }
}
