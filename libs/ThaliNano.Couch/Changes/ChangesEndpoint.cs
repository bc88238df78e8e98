using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Couch.Security;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Changes
{
    /// <summary>
    /// GET/POST /{db}/_changes. normal: {"results":[rows],"last_seq":N,"pending":P}, streamed row by row, no limit
    /// needed. longpoll: the same, but with no rows after since it waits (heartbeat newlines) for the next write or
    /// the timeout, then answers what came (possibly nothing, with the right last_seq). continuous: one row per line as
    /// writes come, until the limit or an idle timeout, then {"last_seq":N,"pending":P}. A feed whose database is
    /// deleted or whose principal loses read access or its pairing ends the same way at once, with what it sent.
    /// </summary>
    internal sealed class ChangesEndpoint
    {
        private readonly CouchContext _context;

        public ChangesEndpoint(CouchContext context)
        {
            _context = context;
        }

        public void Handle(Route route, HttpRequest request, HttpResponse response)
        {
            ChangesQuery q = ChangesQuery.Parse(request, _context.Options);
            Database db = _context.Open(route);
            long since = q.Since < 0 ? db.GetInfo().UpdateSeq : q.Since;
            Reply reply = Reply.Start(response, 200, _context.Options);
            LiveAccess access = new LiveAccess(_context.Acl, _context.Options.PrincipalDirectory, request.Principal, route);
            ChangesFeed feed = new ChangesFeed(_context, db, q, reply, access, request, since);
            if (q.Feed == ChangesQuery.Continuous)
            {
                Continuous(feed, q, reply);
                return;
            }

            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("results");
            w.WriteStartArray();
            int rows = q.Descending ? feed.ScanDescending() : feed.Scan();
            long deadline = _context.Options.Clock.Milliseconds + q.Timeout;
            while (rows == 0 && q.Feed == ChangesQuery.Longpoll && !feed.LimitReached && Wait(feed, deadline))
            {
                rows = feed.Scan();
            }

            w.WriteEndArray();
            w.WritePropertyName("last_seq");
            w.WriteNumber(feed.LastSeq);
            w.WritePropertyName("pending");
            w.WriteNumber(feed.Pending());
            w.WriteEndObject();
            reply.Finish();
        }

        /// <summary>Waits for a change until the deadline; false when it passed.</summary>
        private bool Wait(ChangesFeed feed, long deadline)
        {
            long left = deadline - _context.Options.Clock.Milliseconds;
            return left > 0 && feed.WaitForChange((int)left);
        }

        /// <summary>Rows as they come; the feed ends at the limit or after q.Timeout without a row.</summary>
        private void Continuous(ChangesFeed feed, ChangesQuery q, Reply reply)
        {
            long deadline = _context.Options.Clock.Milliseconds + q.Timeout;
            while (true)
            {
                if (feed.Scan() > 0)
                {
                    reply.Push();
                    deadline = _context.Options.Clock.Milliseconds + q.Timeout;
                }

                if (feed.LimitReached || !Wait(feed, deadline))
                {
                    break;
                }
            }

            JsonWriter w = reply.NextJson();
            w.WriteStartObject();
            w.WritePropertyName("last_seq");
            w.WriteNumber(feed.LastSeq);
            w.WritePropertyName("pending");
            w.WriteNumber(feed.Pending());
            w.WriteEndObject();
            feed.EndLine();
            reply.Finish();
        }
    }
}
