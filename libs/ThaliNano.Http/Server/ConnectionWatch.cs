namespace ThaliNano.Http
{
    /// <summary>
    /// The deadlines of one connection's blocking reads and writes, shared between its worker and the watchdog,
    /// which closes the connection once a deadline has passed by the grace period. Guarded by a lock because
    /// 64-bit fields are not read atomically on the ESP32.
    /// </summary>
    internal sealed class ConnectionWatch
    {
        private readonly object sync = new object();
        private readonly IConnection connection;
        private long readDeadline;
        private long writeDeadline;
        private bool closedByWatchdog;

        public ConnectionWatch(IConnection connection)
        {
            this.connection = connection;
        }

        public IConnection Connection
        {
            get { return connection; }
        }

        /// <summary>True once the watchdog has closed the connection.</summary>
        public bool ClosedByWatchdog
        {
            get
            {
                lock (sync)
                {
                    return closedByWatchdog;
                }
            }
        }

        /// <summary>Absolute clock time by which the pending read must finish; 0 for none.</summary>
        public void SetReadDeadline(long deadline)
        {
            lock (sync)
            {
                readDeadline = deadline;
            }
        }

        public void SetWriteDeadline(long deadline)
        {
            lock (sync)
            {
                writeDeadline = deadline;
            }
        }

        /// <summary>The earlier of the read and write deadlines; 0 for none.</summary>
        public long NextDeadline
        {
            get
            {
                lock (sync)
                {
                    if (readDeadline == 0 || (writeDeadline != 0 && writeDeadline < readDeadline))
                    {
                        return writeDeadline;
                    }

                    return readDeadline;
                }
            }
        }

        /// <summary>Closes the connection when a deadline passed more than <paramref name="grace"/> ago.</summary>
        public void CloseIfOverdue(long now, long grace)
        {
            lock (sync)
            {
                bool overdue = (readDeadline != 0 && now - readDeadline > grace)
                    || (writeDeadline != 0 && now - writeDeadline > grace);
                if (!overdue || closedByWatchdog)
                {
                    return;
                }

                closedByWatchdog = true;
            }

            connection.Close();
        }
    }
}
