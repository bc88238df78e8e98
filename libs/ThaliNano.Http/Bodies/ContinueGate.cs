using ThaliNano.Http.Output;

namespace ThaliNano.Http.Bodies
{
    /// <summary>
    /// Sends "100 Continue" when a request that carried "Expect: 100-continue" first reads its body, and never once
    /// the final response has started.
    /// </summary>
    internal sealed class ContinueGate
    {
        private static readonly byte[] s_interim = Ascii.Bytes("HTTP/1.1 100 Continue\r\n\r\n");

        private readonly ConnectionOutput _output;
        private bool _pending;
        private bool _skipped;

        public ContinueGate(ConnectionOutput output, bool pending)
        {
            this._output = output;
            this._pending = pending;
        }

        /// <summary>True while the client may still be waiting for "100 Continue" before sending its body.</summary>
        public bool Pending
        {
            get { return _pending; }
        }

        public void Open()
        {
            if (_pending)
            {
                _pending = false;
                _output.Write(s_interim, 0, s_interim.Length);
                _output.Flush();
            }
        }

        /// <summary>The final response starts: no interim response any more (the body stays unsent, or not).</summary>
        public void Cancel()
        {
            _skipped = _pending;
            _pending = false;
        }

        /// <summary>True when the final response went out before "100 Continue": the client may never send the body.</summary>
        public bool Skipped
        {
            get { return _skipped; }
        }
    }
}
