using System;
using System.IO;

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

        /// <summary>
        /// <see cref="ReleaseCaches"/> for a database read or written rarely, right after an operation that succeeded (the
        /// system database after filling the ACL cache, the pairing registry after a private record): a checkpoint that
        /// fails on I/O returns false instead of throwing, since what the operation read or wrote stands, and the database
        /// reopens from flash at its next use.
        /// </summary>
        public bool TryReleaseCaches()
        {
            try
            {
                ReleaseCaches();
                return true;
            }
            catch (IOException)
            {
                return false;
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
