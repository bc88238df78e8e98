namespace ThaliNano.Http
{
    /// <summary>A body of exactly Content-Length bytes (zero for requests without a body).</summary>
    internal sealed class ContentLengthBody : RequestBody
    {
        private readonly long length;
        private long remaining;

        public ContentLengthBody(ConnectionInput input, long length, ContinueGate gate)
            : base(input, gate)
        {
            this.length = length;
            remaining = length;
        }

        public override bool IsComplete
        {
            get { return remaining == 0; }
        }

        internal override long Remaining
        {
            get { return remaining; }
        }

        protected override int ReadCore(byte[] buffer, int offset, int count)
        {
            int wanted = remaining < count ? (int)remaining : count;
            int read = Input.Read(buffer, offset, wanted);
            if (read == 0)
            {
                throw Input.Fail(400, "the request body ended after " + (length - remaining).ToString() + " of "
                    + length.ToString() + " bytes");
            }

            remaining -= read;
            return read;
        }
    }
}
