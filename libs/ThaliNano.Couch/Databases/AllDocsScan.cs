using ThaliNano.Store;

namespace ThaliNano.Couch.Databases
{
    /// <summary>
    /// _all_docs over a key range without an id index in RAM: each pass reads the whole changes feed (every document
    /// once, at its latest seq) and keeps the next <see cref="CouchOptions.AllDocsScanBatch"/> ids of the range in
    /// order, after the last id already listed. RAM is one batch; time is (documents / batch) passes of the log.
    /// The first pass also counts the documents before the range, for "offset".
    /// </summary>
    internal sealed class AllDocsScan
    {
        private readonly Database _db;
        private readonly string _start;
        private readonly string _end;
        private readonly bool _inclusiveEnd;
        private readonly int _direction;
        private readonly string[] _ids;
        private readonly string[] _revs;
        private string _after;
        private bool _done;
        private bool _counted;

        public AllDocsScan(Database db, string start, string end, bool inclusiveEnd, bool descending, int batch)
        {
            _db = db;
            _start = start;
            _end = end;
            _inclusiveEnd = inclusiveEnd;
            _direction = descending ? -1 : 1;
            _ids = new string[batch];
            _revs = new string[batch];
        }

        /// <summary>Documents (not deleted) that sort before the range; known after the first <see cref="NextBatch"/>.</summary>
        public long Before { get; private set; }

        /// <summary>Ids of the current batch, in order.</summary>
        public string IdAt(int i)
        {
            return _ids[i];
        }

        /// <summary>Winning revisions of the current batch.</summary>
        public string RevAt(int i)
        {
            return _revs[i];
        }

        /// <summary>Fills the next batch; returns its size (0 at the end).</summary>
        public int NextBatch()
        {
            if (_done)
            {
                return 0;
            }

            int count = 0;
            ChangesCursor cursor = _db.GetChanges(0, 0);
            while (cursor.MoveNext())
            {
                ChangeRow row = cursor.Current;
                if (row.Deleted)
                {
                    continue;
                }

                string id = row.Id;
                if (_start != null && Order(id, _start) < 0)
                {
                    if (!_counted)
                    {
                        Before++;
                    }

                    continue;
                }

                if (_end != null && (_inclusiveEnd ? Order(id, _end) > 0 : Order(id, _end) >= 0))
                {
                    continue;
                }

                if (_after != null && Order(id, _after) <= 0)
                {
                    continue;
                }

                count = Insert(count, id, row.Revs[0]);
            }

            _counted = true;
            if (count < _ids.Length)
            {
                _done = true;
            }

            if (count > 0)
            {
                _after = _ids[count - 1];
            }

            return count;
        }

        private int Order(string a, string b)
        {
            return _direction * IdOrder.Compare(a, b);
        }

        /// <summary>Keeps the smallest ids (in scan order) of what was seen, at most the batch size.</summary>
        private int Insert(int count, string id, string rev)
        {
            if (count == _ids.Length && Order(id, _ids[count - 1]) >= 0)
            {
                return count;
            }

            int i = count == _ids.Length ? count - 1 : count;
            while (i > 0 && Order(_ids[i - 1], id) > 0)
            {
                _ids[i] = _ids[i - 1];
                _revs[i] = _revs[i - 1];
                i--;
            }

            _ids[i] = id;
            _revs[i] = rev;
            return count == _ids.Length ? count : count + 1;
        }
    }
}
