using System;
using System.IO;
using ThaliNano.Http;
using ThaliNano.IO;
using ThaliNano.Json;

namespace ThaliNano.Couch.Replies
{
    /// <summary>
    /// The body of one reply. The first <see cref="CouchOptions.ReplyBufferBytes"/> bytes are held back: a reply that
    /// ends within them leaves with a Content-Length, and an error thrown before then still becomes a proper error
    /// reply (nothing was sent). Past them, or on <see cref="Push"/> (heartbeats, continuous rows), the reply turns
    /// into a chunked stream; an error after that can only cut the connection. JSON goes through <see cref="Json"/>;
    /// bytes written around it go through <see cref="Raw"/>, which keeps both in order.
    /// </summary>
    internal sealed class Reply : WriteOnlyStream
    {
        /// <summary>The JSON writer's own buffer: small, the reply buffers anyway.</summary>
        private const int WriterBuffer = 64;

        private readonly HttpResponse _response;
        private readonly byte[] _buffer;
        private int _count;
        private Stream _live;
        private bool _done;

        private Reply(HttpResponse response, int status, string contentType, int bufferBytes)
        {
            _response = response;
            _response.StatusCode = status;
            _response.Headers.Set("Content-Type", contentType);
            _buffer = new byte[bufferBytes];
            Json = new JsonWriter(this, WriterBuffer);
        }

        /// <summary>Writes JSON into this reply.</summary>
        public JsonWriter Json { get; private set; }

        public override bool CanWrite
        {
            get { return !_done; }
        }

        /// <summary>Starts a fresh <see cref="Json"/> writer, for a reply made of several JSON texts (multipart parts, feed lines).</summary>
        public JsonWriter NextJson()
        {
            Json.Flush();
            Json = new JsonWriter(this, WriterBuffer);
            return Json;
        }

        /// <summary>Writes bytes after what <see cref="Json"/> wrote so far.</summary>
        public void Raw(byte[] bytes, int offset, int count)
        {
            Json.Flush();
            Write(bytes, offset, count);
        }

        /// <summary>True once bytes went out: errors can no longer be reported as a reply.</summary>
        public bool Started
        {
            get { return _live != null; }
        }

        public static Reply Start(HttpResponse response, int status, CouchOptions options)
        {
            return new Reply(response, status, "application/json", options.ReplyBufferBytes);
        }

        public static Reply WithType(HttpResponse response, int status, string contentType, CouchOptions options)
        {
            return new Reply(response, status, contentType, options.ReplyBufferBytes);
        }

        /// <summary>A small JSON reply written at once: {"ok":true} and the like.</summary>
        public static void Send(HttpResponse response, int status, byte[] json)
        {
            response.StatusCode = status;
            response.Headers.Set("Content-Type", "application/json");
            response.Send(json);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_done)
            {
                throw new ObjectDisposedException("the reply is complete");
            }

            if (_live != null)
            {
                _live.Write(buffer, offset, count);
                return;
            }

            if (_count + count <= _buffer.Length)
            {
                Array.Copy(buffer, offset, _buffer, _count, count);
                _count += count;
                return;
            }

            GoLive();
            _live.Write(buffer, offset, count);
        }

        /// <summary>Nothing: the JSON writer flushes into the reply, which decides itself when bytes leave.</summary>
        public override void Flush()
        {
        }

        /// <summary>Sends everything written so far now (turning the reply into a chunked stream).</summary>
        public void Push()
        {
            if (_done)
            {
                return;
            }

            Json.Flush();
            if (_live == null)
            {
                GoLive();
            }

            _live.Flush();
        }

        /// <summary>Completes the reply: a held-back body leaves with its Content-Length; a stream ends when the handler returns.</summary>
        public void Finish()
        {
            if (_done)
            {
                return;
            }

            Json.Flush();
            _done = true;
            if (_live == null)
            {
                _response.Send(_buffer, 0, _count);
            }
        }

        private void GoLive()
        {
            _live = _response.BeginChunked();
            if (_count > 0)
            {
                _live.Write(_buffer, 0, _count);
                _count = 0;
            }
        }
    }
}
