using System.Text;
using System.Threading;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Changes
{
    /// <summary>
    /// One _changes response in progress: scans the store's feed row by row straight into the reply, keeps last_seq,
    /// and waits for writes (woken by the notifier, polling as a fallback) with heartbeat newlines.
    /// </summary>
    internal sealed class ChangesFeed
    {
        private static readonly byte[] s_newline = Encoding.UTF8.GetBytes("\n");
        private readonly CouchContext _context;
        private readonly Database _db;
        private readonly ChangesQuery _query;
        private readonly Reply _reply;
        private long _remaining;

        public ChangesFeed(CouchContext context, Database db, ChangesQuery query, Reply reply, long since)
        {
            _context = context;
            _db = db;
            _query = query;
            _reply = reply;
            _remaining = query.Limit;
            LastSeq = since;
        }

        /// <summary>The last_seq to report so far.</summary>
        public long LastSeq { get; private set; }

        /// <summary>True once limit rows were written.</summary>
        public bool LimitReached
        {
            get { return _remaining == 0; }
        }

        /// <summary>Writes the rows after <see cref="LastSeq"/> (up to the limit); each continuous row is its own line. Returns how many.</summary>
        public int Scan()
        {
            if (_remaining == 0)
            {
                return 0;
            }

            bool filtered = _query.DocIds != null;
            int storeLimit = !filtered && _remaining > 0 && _remaining < int.MaxValue ? (int)_remaining : 0;
            ChangesCursor cursor = _db.GetChanges(LastSeq, storeLimit);
            int written = 0;
            while (_remaining != 0 && cursor.MoveNext())
            {
                ChangeRow row = cursor.Current;
                if (filtered && !_query.DocIds.Contains(row.Id))
                {
                    continue;
                }

                WriteRow(row);
                written++;
                if (_remaining > 0)
                {
                    _remaining--;
                }

                LastSeq = row.Seq;
            }

            if (_remaining != 0 && cursor.LastSeq > LastSeq)
            {
                LastSeq = cursor.LastSeq;
            }

            return written;
        }

        /// <summary>
        /// Waits until the database has a seq past <see cref="LastSeq"/> (true) or <paramref name="milliseconds"/> pass
        /// (false), sending a newline every heartbeat.
        /// </summary>
        public bool WaitForChange(int milliseconds)
        {
            Http.IClock clock = _context.Options.Clock;
            long now = clock.Milliseconds;
            long deadline = now + milliseconds;
            long beat = _query.Heartbeat > 0 ? now + _query.Heartbeat : long.MaxValue;
            AutoResetEvent wake = _context.Notifier.Register();
            try
            {
                while (true)
                {
                    if (_db.GetInfo().UpdateSeq > LastSeq)
                    {
                        return true;
                    }

                    now = clock.Milliseconds;
                    if (now >= deadline)
                    {
                        return false;
                    }

                    if (now >= beat)
                    {
                        _reply.Raw(s_newline, 0, 1);
                        _reply.Push();
                        beat = now + _query.Heartbeat;
                    }

                    long until = deadline < beat ? deadline : beat;
                    long wait = until - now;
                    if (wait > _context.Options.FeedPollMilliseconds)
                    {
                        wait = _context.Options.FeedPollMilliseconds;
                    }

                    wake.WaitOne((int)wait, false);
                }
            }
            finally
            {
                _context.Notifier.Unregister(wake);
            }
        }

        /// <summary>pending: the seqs after last_seq (an upper bound of the rows still to come; 0 at the end of the feed).</summary>
        public long Pending()
        {
            long pending = _db.GetInfo().UpdateSeq - LastSeq;
            return pending > 0 ? pending : 0;
        }

        /// <summary>A continuous feed's line break (rows and the closing last_seq line).</summary>
        public void EndLine()
        {
            _reply.Raw(s_newline, 0, 1);
        }

        private void WriteRow(ChangeRow row)
        {
            bool continuous = _query.Feed == ChangesQuery.Continuous;
            JsonWriter w = continuous ? _reply.NextJson() : _reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("seq");
            w.WriteNumber(row.Seq);
            w.WritePropertyName("id");
            w.WriteString(row.Id);
            w.WritePropertyName("changes");
            w.WriteStartArray();
            int revs = _query.AllLeaves ? row.Revs.Length : 1;
            for (int i = 0; i < revs; i++)
            {
                w.WriteStartObject();
                w.WritePropertyName("rev");
                w.WriteString(row.Revs[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (row.Deleted)
            {
                w.WritePropertyName("deleted");
                w.WriteBoolean(true);
            }

            if (_query.IncludeDocs)
            {
                w.WritePropertyName("doc");
                Document doc = _db.Get(row.Id, null, _query.DocOptions);
                if (doc == null)
                {
                    w.WriteNull();
                }
                else
                {
                    DocumentJson.Write(_reply, doc, _query.DocOptions);
                }
            }

            w.WriteEndObject();
            if (continuous)
            {
                EndLine();
            }
        }
    }
}
