using System.IO;
using ThaliNano.Http.Connections;
using ThaliNano.Http.Parsing;

namespace ThaliNano.Http
{
    /// <summary>One parsed request, valid while its handler runs.</summary>
    public sealed class HttpRequest
    {
        private string[] _pathSegments;
        private QueryParameters _query;

        internal HttpRequest(string method, string target, bool isHttp11, HttpHeaders headers)
        {
            Method = method;
            Target = target;
            IsHttp11 = isHttp11;
            Headers = headers;
            int question = target.IndexOf('?');
            PathEnd = question < 0 ? target.Length : question;
        }

        /// <summary>The method token as sent (methods are case-sensitive): "GET", "PUT", ...</summary>
        public string Method { get; }

        /// <summary>The request target exactly as sent, path and query, still percent-encoded.</summary>
        public string Target { get; }

        /// <summary>The path part of the target, still percent-encoded.</summary>
        public string Path
        {
            get { return PathEnd == Target.Length ? Target : Target.Substring(0, PathEnd); }
        }

        /// <summary>The query part of the target after '?', still encoded; null when there is no '?'.</summary>
        public string RawQuery
        {
            get { return PathEnd == Target.Length ? null : Target.Substring(PathEnd + 1); }
        }

        /// <summary>True for HTTP/1.1, false for HTTP/1.0.</summary>
        public bool IsHttp11 { get; }

        public bool IsHead
        {
            get { return Method == "HEAD"; }
        }

        /// <summary>
        /// The path split on '/' and then percent-decoded (UTF-8): "/db/_local/abc%2Fdef" is ["db", "_local", "abc/def"].
        /// Empty segments are dropped, '+' stays '+'.
        /// </summary>
        public string[] PathSegments
        {
            get { return _pathSegments; }
        }

        public QueryParameters Query
        {
            get { return _query; }
        }

        /// <summary>Header fields; names compare case-insensitively (stored in lowercase).</summary>
        public HttpHeaders Headers { get; }

        /// <summary>
        /// The body: exactly the request's bytes (de-chunked for chunked requests), empty when there is none. The first
        /// read answers "Expect: 100-continue". Unread bytes are discarded after the response.
        /// </summary>
        public Stream Body { get; set; }

        /// <summary>The Content-Length, 0 without a body, -1 for a chunked body of unknown length.</summary>
        public long ContentLength { get; internal set; }

        public bool IsChunked
        {
            get { return ContentLength < 0; }
        }

        /// <summary>
        /// The peer key the transport authenticated (see <see cref="IConnection.Principal"/>), or null when the platform
        /// cannot tell (ESP32). Only evidence for an authenticator: applications read <see cref="Principal"/>.
        /// </summary>
        public string TransportPrincipal { get; internal set; }

        /// <summary>
        /// The principal an authenticating handler in front of the application established for this request (the
        /// firmware's authenticator, from <see cref="TransportPrincipal"/> and the request's proof), or null for an
        /// anonymous request. Null until such a handler sets it.
        /// </summary>
        public string Principal { get; set; }

        public string RemoteEndPoint { get; internal set; }

        internal int PathEnd { get; }

        /// <summary>The connection's hold on a request turn (<see cref="HttpServerOptions.MaxRequestsAtOnce"/>).</summary>
        internal RequestTurn Turn { get; set; }

        /// <summary>What the client asked for: keep the connection open after the response.</summary>
        internal bool WantsKeepAlive { get; set; }

        internal bool ExpectsContinue { get; set; }

        /// <summary>An error found in a well-framed request (bad Host, bad percent-encoding): answered instead of the handler.</summary>
        internal HttpException Problem { get; set; }

        /// <summary>
        /// Removes every field named <paramref name="name"/> from <see cref="Headers"/> and returns the first one's value, or
        /// null: for a credential that a handler in front consumes (the authenticator's proof), so that the handlers behind
        /// it neither see it nor keep it in RAM while they run.
        /// </summary>
        public string TakeHeader(string name)
        {
            string value = Headers.Get(name);
            Headers.RemoveParsed(name);
            return value;
        }

        /// <summary>
        /// Tells the server that the handler now waits for something another request may cause (a feed waiting for a
        /// change): where <see cref="HttpServerOptions.MaxRequestsAtOnce"/> limits the requests in progress, this one gives
        /// its turn to a waiting request until <see cref="EndWait"/>. The handler holds no more memory for the request
        /// meanwhile than before the call.
        /// </summary>
        public void BeginWait()
        {
            if (Turn != null)
            {
                Turn.Give();
            }
        }

        /// <summary>Ends <see cref="BeginWait"/>: waits for a turn again before the handler goes on.</summary>
        public void EndWait()
        {
            if (Turn != null)
            {
                Turn.Take();
            }
        }

        /// <summary>Decodes path and query; a failure becomes <see cref="Problem"/>.</summary>
        internal void DecodeTarget()
        {
            try
            {
                TargetDecoder.CheckEscapes(Target);
                _pathSegments = TargetDecoder.DecodePath(Target, PathEnd);
                _query = PathEnd + 1 < Target.Length
                    ? new QueryParameters(TargetDecoder.DecodeQuery(Target, PathEnd + 1))
                    : QueryParameters.Empty;
            }
            catch (HttpException e)
            {
                _pathSegments = TargetDecoder.NoSegments;
                _query = QueryParameters.Empty;
                if (Problem == null)
                {
                    Problem = e;
                }
            }
        }
    }
}
