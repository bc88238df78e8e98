using System;

namespace ThaliNano.Store
{
    /// <summary>This file: giving back the RAM a quiet database holds between requests.</summary>
    public sealed partial class Database
    {
        /// <summary>Set by every operation, cleared by <see cref="ReleaseCachesIfIdle"/>.</summary>
        private bool _used;

        /// <summary>While a release has closed the files: what <see cref="GetInfo"/> reports; the next operation reopens.</summary>
        private DatabaseInfo _dormantInfo;

        /// <summary>
        /// Bytes the database holds in RAM between operations beyond its fixed objects: the cached index pages and the
        /// log's read buffers (0 after <see cref="ReleaseCaches"/> when no page is dirty).
        /// </summary>
        public int CacheBytes
        {
            get
            {
                lock (_sync)
                {
                    return _log == null ? 0 : _index.CacheBytes + _log.BufferBytes;
                }
            }
        }

        /// <summary>
        /// Gives back the log's read buffers only: no checkpoint, the pages and files stay. For a database of large records
        /// read rarely (the pairing registry's), after an operation that read one: the buffer would otherwise keep the
        /// largest record's size until the database is left alone long enough to be released.
        /// </summary>
        public void ReleaseReadBuffers()
        {
            lock (_sync)
            {
                if (_log != null)
                {
                    _log.ReleaseBuffers();
                }
            }
        }

        /// <summary>
        /// <see cref="ReleaseCaches"/> when no operation used the database since the previous call; true when it released.
        /// Called periodically, it gives back the caches of every database left alone for a whole period.
        /// </summary>
        public bool ReleaseCachesIfIdle()
        {
            lock (_sync)
            {
                if (_used)
                {
                    _used = false;
                    return false;
                }

                ReleaseCachesLocked();
                return true;
            }
        }

        /// <summary>
        /// Gives back the index's cached pages and the log's read buffers; the next operation reads back what it needs.
        /// Index changes not yet written are checkpointed first, as closing does (written, synced, then the header). When
        /// the checkpoint covers the whole log and no corruption was found, the files are closed and the index objects
        /// dropped too (the database keeps its name, options and counters; the next operation reopens it as an open does,
        /// replaying nothing; <see cref="GetInfo"/> does not reopen). On a full disk the checkpoint is skipped (as at close):
        /// the dirty pages stay cached and the files open.
        /// </summary>
        public void ReleaseCaches()
        {
            lock (_sync)
            {
                ReleaseCachesLocked();
            }
        }

        private void ReleaseCachesLocked()
        {
            if (_closed || _broken || _log == null)
            {
                return;
            }

            if (_index.Covered != (uint)_validEnd)
            {
                try
                {
                    TryCheckpoint((uint)_validEnd);
                }
                catch (Exception)
                {
                    // Some pages may be written, none synced: the durable state is intact, the next use reopens from it.
                    _broken = true;
                    throw;
                }
            }

            if (_index.Covered == (uint)_validEnd && _corruption == null)
            {
                _dormantInfo = InfoLocked();
                CloseFiles();
                _index = null;
                _meta = null;
                return;
            }

            _index.ReleaseCleanPages();
            _log.ReleaseBuffers();
        }
    }
}
