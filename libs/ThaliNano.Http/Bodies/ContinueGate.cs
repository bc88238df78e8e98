namespace ThaliNano.Http
{
    /// <summary>
    /// Sends "100 Continue" when a request that carried "Expect: 100-continue" first reads its body, and never once
    /// the final response has started.
    /// </summary>
    internal sealed class ContinueGate
    {
        private static readonly byte[] Interim = Ascii.Bytes("HTTP/1.1 100 Continue\r\n\r\n");

        private readonly ConnectionOutput output;
        private bool pending;
        private bool skipped;

        public ContinueGate(ConnectionOutput output, bool pending)
        {
            this.output = output;
            this.pending = pending;
        }

        /// <summary>True while the client may still be waiting for "100 Continue" before sending its body.</summary>
        public bool Pending
        {
            get { return pending; }
        }

        public void Open()
        {
            if (pending)
            {
                pending = false;
                output.Write(Interim, 0, Interim.Length);
                output.Flush();
            }
        }

        /// <summary>The final response starts: no interim response any more (the body stays unsent, or not).</summary>
        public void Cancel()
        {
            skipped = pending;
            pending = false;
        }

        /// <summary>True when the final response went out before "100 Continue": the client may never send the body.</summary>
        public bool Skipped
        {
            get { return skipped; }
        }
    }
}
