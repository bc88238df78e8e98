using System;
using System.Collections;
using System.Text;
using System.Threading;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Security;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Changes
{
    /// <summary>
    /// One _changes response in progress: scans the store's feed row by row straight into the reply, keeps last_seq,
    /// and waits for writes (woken by the notifier, polling as a fallback) with heartbeat newlines. It stops for good
    /// (<see cref="Stopped"/>) when its database is deleted or its principal may no longer read it, which is checked
    /// before every row and while waiting; the endpoint then closes the response as at the end of the feed. While it
    /// waits, its request gives its turn to others (<see cref="HttpRequest.BeginWait"/>): the write it waits for may be one.
    /// </summary>
    internal sealed class ChangesFeed
    {
        private static readonly byte[] s_newline = Encoding.UTF8.GetBytes("\n");
        private readonly CouchContext _context;
        private readonly Database _db;
        private readonly ChangesQuery _query;
        private readonly Reply _reply;
        private readonly LiveAccess _access;
        private readonly HttpRequest _request;
        private long _remaining;

        public ChangesFeed(CouchContext context, Database db, ChangesQuery query, Reply reply, LiveAccess access, HttpRequest request,
            long since)
        {
            _context = context;
            _request = request;
            _db = db;
            _query = query;
            _reply = reply;
            _access = access;
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

        /// <summary>True once the database was deleted or the principal lost the right to read it: no more rows.</summary>
        public bool Stopped { get; private set; }

        /// <summary>Writes the rows after <see cref="LastSeq"/> (up to the limit); each continuous row is its own line. Returns how many.</summary>
        public int Scan()
        {
            if (_remaining == 0 || Stopped)
            {
                return 0;
            }

            bool filtered = _query.DocIds != null;
            int storeLimit = !filtered && _remaining > 0 && _remaining < int.MaxValue ? (int)_remaining : 0;
            int written = 0;
            try
            {
                ChangesCursor cursor = _db.GetChanges(LastSeq, storeLimit);
                while (_remaining != 0 && cursor.MoveNext())
                {
                    ChangeRow row = cursor.Current;
                    if (filtered && !_query.DocIds.Contains(row.Id))
                    {
                        continue;
                    }

                    if (!Send(row))
                    {
                        return written;
                    }

                    written++;
                }

                if (_remaining != 0 && cursor.LastSeq > LastSeq)
                {
                    LastSeq = cursor.LastSeq;
                }
            }
            catch (ObjectDisposedException)
            {
                Stopped = true;
            }

            return written;
        }

        /// <summary>
        /// descending=true (normal feeds): every document newest first, from the current update_seq down (since does
        /// not apply, as in CouchDB). The log only reads forwards, so it goes back in windows of
        /// <see cref="CouchOptions.AllDocsScanBatch"/> seqs, each read forwards and sent reversed (RAM: one window).
        /// </summary>
        public int ScanDescending()
        {
            int written = 0;
            try
            {
                long high = _db.GetInfo().UpdateSeq;
                LastSeq = high;
                int window = _context.Options.AllDocsScanBatch;
                ArrayList rows = new ArrayList();
                while (high > 0 && _remaining != 0)
                {
                    long low = high > window ? high - window : 0;
                    ChangesCursor cursor = _db.GetChanges(low, (int)(high - low));
                    rows.Clear();
                    while (cursor.MoveNext() && cursor.Current.Seq <= high)
                    {
                        if (_query.DocIds == null || _query.DocIds.Contains(cursor.Current.Id))
                        {
                            rows.Add(cursor.Current);
                        }
                    }

                    for (int i = rows.Count - 1; i >= 0 && _remaining != 0; i--)
                    {
                        if (!Send((ChangeRow)rows[i]))
                        {
                            return written;
                        }

                        written++;
                    }

                    high = low;
                }
            }
            catch (ObjectDisposedException)
            {
                Stopped = true;
            }

            return written;
        }

        /// <summary>Writes a row if the principal may still read it; false (and stopped) otherwise.</summary>
        private bool Send(ChangeRow row)
        {
            if (!_access.Allowed())
            {
                Stopped = true;
                return false;
            }

            WriteRow(row);
            if (_remaining > 0)
            {
                _remaining--;
            }

            LastSeq = row.Seq;
            return true;
        }

        /// <summary>
        /// Waits until the database has a seq past <see cref="LastSeq"/> (true) or <paramref name="milliseconds"/> pass
        /// (false), sending a newline every heartbeat; false at once when the feed is or becomes <see cref="Stopped"/>.
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
                    long updateSeq = UpdateSeq();
                    if (Stopped || !_access.Allowed())
                    {
                        Stopped = true;
                        return false;
                    }

                    if (updateSeq > LastSeq)
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

                    _request.BeginWait();
                    wake.WaitOne((int)wait, false);
                    _request.EndWait();
                }
            }
            finally
            {
                _context.Notifier.Unregister(wake);
            }
        }

        /// <summary>
        /// pending: the seqs after last_seq (an upper bound of the rows still to come; 0 at the end of the feed); for a
        /// descending feed cut by its limit, the seqs below last_seq.
        /// </summary>
        public long Pending()
        {
            long pending = _query.Descending ? (LimitReached ? LastSeq - 1 : 0) : UpdateSeq() - LastSeq;
            return pending > 0 ? pending : 0;
        }

        /// <summary>The database's update_seq; once it was deleted, stops the feed and answers last_seq.</summary>
        private long UpdateSeq()
        {
            try
            {
                return _db.GetInfo().UpdateSeq;
            }
            catch (ObjectDisposedException)
            {
                Stopped = true;
                return LastSeq;
            }
        }

        /// <summary>A continuous feed's line break (rows and the closing last_seq line).</summary>
        public void EndLine()
        {
            _reply.Raw(s_newline, 0, 1);
        }

        private void WriteRow(ChangeRow row)
        {
            // Read before the row starts, so that a database deleted meanwhile leaves no half-written row.
            Document doc = _query.IncludeDocs ? _db.Get(row.Id, null, _query.DocOptions) : null;
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
