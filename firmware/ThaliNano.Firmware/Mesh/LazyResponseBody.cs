using System.IO;
using ThaliNano.Http;
using ThaliNano.IO;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// A write-only response body that sends the response head (chunked) only at its first write, so a handler can
    /// still answer with an error status while nothing was written: the contact responder writes nothing before the
    /// whole request was read and accepted.
    /// </summary>
    internal sealed class LazyResponseBody : WriteOnlyStream
    {
        private readonly HttpResponse _response;
        private Stream _body;

        public LazyResponseBody(HttpResponse response)
        {
            _response = response;
        }

        /// <summary>True once the head was sent.</summary>
        public bool Started
        {
            get { return _body != null; }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_body == null)
            {
                _body = _response.BeginChunked();
            }

            _body.Write(buffer, offset, count);
        }

        public override void Flush()
        {
            if (_body != null)
            {
                _body.Flush();
            }
        }
    }
}
