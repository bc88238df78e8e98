namespace ThaliNano.Http.Connections
{
    /// <summary>
    /// The deadlines of one connection's blocking reads and writes, shared between its worker and the watchdog,
    /// which closes the connection once a deadline has passed by the grace period. Guarded by a lock because
    /// 64-bit fields are not read atomically on the ESP32.
    /// </summary>
    internal sealed class ConnectionWatch
    {
        private readonly object _sync = new object();
        private readonly IConnection _connection;
        private long _readDeadline;
        private long _writeDeadline;
        private bool _closedByWatchdog;

        public ConnectionWatch(IConnection connection)
        {
            this._connection = connection;
        }

        public IConnection Connection
        {
            get { return _connection; }
        }

        /// <summary>True once the watchdog has closed the connection.</summary>
        public bool ClosedByWatchdog
        {
            get
            {
                lock (_sync)
                {
                    return _closedByWatchdog;
                }
            }
        }

        /// <summary>Absolute clock time by which the pending read must finish; 0 for none.</summary>
        public void SetReadDeadline(long deadline)
        {
            lock (_sync)
            {
                _readDeadline = deadline;
            }
        }

        public void SetWriteDeadline(long deadline)
        {
            lock (_sync)
            {
                _writeDeadline = deadline;
            }
        }

        /// <summary>The earlier of the read and write deadlines; 0 for none.</summary>
        public long NextDeadline
        {
            get
            {
                lock (_sync)
                {
                    if (_readDeadline == 0 || (_writeDeadline != 0 && _writeDeadline < _readDeadline))
                    {
                        return _writeDeadline;
                    }

                    return _readDeadline;
                }
            }
        }

        /// <summary>Closes the connection when a deadline passed more than <paramref name="grace"/> ago.</summary>
        public void CloseIfOverdue(long now, long grace)
        {
            lock (_sync)
            {
                bool overdue = (_readDeadline != 0 && now - _readDeadline > grace)
                    || (_writeDeadline != 0 && now - _writeDeadline > grace);
                if (!overdue || _closedByWatchdog)
                {
                    return;
                }

                _closedByWatchdog = true;
            }

            _connection.Close();
        }
    }
}
