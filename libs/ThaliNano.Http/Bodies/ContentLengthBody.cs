using ThaliNano.Http.Parsing;

namespace ThaliNano.Http.Bodies
{
    /// <summary>A body of exactly Content-Length bytes (zero for requests without a body).</summary>
    internal sealed class ContentLengthBody : RequestBody
    {
        private readonly long _length;
        private long _remaining;

        public ContentLengthBody(ConnectionInput input, long length, ContinueGate gate)
            : base(input, gate)
        {
            this._length = length;
            _remaining = length;
        }

        public override bool IsComplete
        {
            get { return _remaining == 0; }
        }

        internal override long Remaining
        {
            get { return _remaining; }
        }

        protected override int ReadCore(byte[] buffer, int offset, int count)
        {
            int wanted = _remaining < count ? (int)_remaining : count;
            int read = Input.Read(buffer, offset, wanted);
            if (read == 0)
            {
                throw Input.Fail(400, "the request body ended after " + (_length - _remaining).ToString() + " of "
                    + _length.ToString() + " bytes");
            }

            _remaining -= read;
            return read;
        }
    }
}
