using System;

namespace ThaliNano.Http
{
    /// <summary>
    /// Limits and timeouts of <see cref="HttpServer"/>. The defaults are the ESP32's (about 49 KB of managed heap,
    /// about 16 sockets); <see cref="ForHost"/> gives roomier ones. README.md explains each value.
    /// </summary>
    public sealed class HttpServerOptions
    {
        /// <summary>Connections served at once, pending ones included; one more is answered with a fast 503 or closed.</summary>
        public int MaxConnections { get; set; } = 4;

        /// <summary>
        /// Requests served at one instant, from their first byte to the end of their reply; 0 serves as many as there are
        /// connections. A request that finds them all in progress waits, unparsed, for one to finish or to wait itself
        /// (<see cref="HttpRequest.BeginWait"/>: a feed waiting for a change). Bounds the memory of requests in flight on a
        /// small heap; the cost is that a slow client delays the others by up to its body and write timeouts.
        /// </summary>
        public int MaxRequestsAtOnce { get; set; }

        /// <summary>
        /// Connections whose handshake (<see cref="IConnection.Open"/>) has not finished, at once (at most
        /// <see cref="MaxConnections"/> count). One more, or one that finds no free slot while some are pending, takes the
        /// slot of the oldest pending connection, which is closed.
        /// </summary>
        public int MaxPendingConnections { get; set; } = 4;

        /// <summary>From accepting a connection to the end of its handshake; then it is closed.</summary>
        public int PendingTimeoutMilliseconds { get; set; } = 5000;

        /// <summary>Over-capacity connections waiting for their 503; more are closed at once. 0 closes them all at once.</summary>
        public int RejectQueueLength { get; set; } = 1;

        /// <summary>Longest request line (method, target, version) without CRLF; longer gets 414.</summary>
        public int MaxRequestLineBytes { get; set; } = 8192;

        /// <summary>Longest header (or trailer) line without CRLF; longer gets 431.</summary>
        public int MaxHeaderLineBytes { get; set; } = 4096;

        /// <summary>All header lines of one request together, CRLFs included; more gets 431. Trailers count apart.</summary>
        public int MaxHeaderBytes { get; set; } = 8192;

        /// <summary>Most header fields in one request; more gets 431. Also bounds the trailer fields of a chunked body.</summary>
        public int MaxHeaderCount { get; set; } = 32;

        /// <summary>
        /// The request header fields kept for the handler, in lowercase; null keeps them all. The fields that frame the
        /// request (Host, Content-Length, Transfer-Encoding, Connection, Expect) are always kept; the others are read,
        /// checked and counted against the limits, then dropped: a client's User-Agent, Accept-Encoding and the like cost
        /// the hub nothing while the handler runs.
        /// </summary>
        public string[] KeptRequestHeaders { get; set; }

        /// <summary>Largest request body (Content-Length, or the decoded size of a chunked body); larger gets 413.</summary>
        public long MaxBodyBytes { get; set; } = 1048576;

        /// <summary>Longest chunk-size line of a chunked body, chunk extensions included; longer gets 400.</summary>
        public int MaxChunkLineBytes { get; set; } = 256;

        /// <summary>Unread request body the server discards after a response to keep the connection; more closes it.</summary>
        public int MaxDrainBytes { get; set; } = 65536;

        /// <summary>Read buffer per connection.</summary>
        public int InputBufferBytes { get; set; } = 1024;

        /// <summary>Write buffer per connection; a chunk of a streamed body is at most this size.</summary>
        public int OutputBufferBytes { get; set; } = 1024;

        /// <summary>How long a kept-alive connection may wait for the first byte of its next request.</summary>
        public int IdleTimeoutMilliseconds { get; set; } = 15000;

        /// <summary>From the end of the handshake, or from the first byte of a later request, to the end of the request's
        /// header section.</summary>
        public int HeadTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>From the end of the header section to the end of the request body.</summary>
        public int BodyTimeoutMilliseconds { get; set; } = 60000;

        /// <summary>Longest time one write of response bytes to the transport may take.</summary>
        public int WriteTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>Bound on the whole over-capacity path from the accept: waiting in the reject queue, handshake, 503
        /// reply and lingering close; when it runs out the connection is closed.</summary>
        public int RejectTimeoutMilliseconds { get; set; } = 2000;

        /// <summary>After a reply that closes the connection, how long unread request bytes are still read and dropped
        /// so that the client receives the reply instead of a TCP reset.</summary>
        public int LingerMilliseconds { get; set; } = 500;

        /// <summary>Most bytes read and dropped during a lingering close.</summary>
        public int LingerMaxBytes { get; set; } = 16384;

        /// <summary>How long <see cref="HttpServer.Stop"/> lets requests in progress finish before closing them.</summary>
        public int StopTimeoutMilliseconds { get; set; } = 5000;

        /// <summary>How often the watchdog looks for connections past their deadline.</summary>
        public int WatchdogIntervalMilliseconds { get; set; } = 250;

        /// <summary>How long past a deadline the watchdog waits before closing the connection itself, which leaves the
        /// worker time to notice the deadline first and answer 408.</summary>
        public int WatchdogGraceMilliseconds { get; set; } = 1000;

        /// <summary>Value of a Server header sent with every response; null sends none.</summary>
        public string ServerHeader { get; set; }

        /// <summary>The clock deadlines are measured with.</summary>
        public IClock Clock { get; set; } = new MonotonicClock();

        /// <summary>Where handler failures and transport errors are reported; null drops them.</summary>
        public IHttpServerLog Log { get; set; }

        /// <summary>Generous limits for the host board (a PC): more connections, larger bodies and buffers.</summary>
        public static HttpServerOptions ForHost()
        {
            HttpServerOptions options = new HttpServerOptions();
            options.MaxConnections = 64;
            options.MaxPendingConnections = 16;
            options.PendingTimeoutMilliseconds = 2000;
            options.RejectQueueLength = 4;
            options.RejectTimeoutMilliseconds = 50;
            options.MaxHeaderCount = 64;
            options.MaxHeaderBytes = 16384;
            options.MaxBodyBytes = 67108864;
            options.MaxDrainBytes = 1048576;
            options.InputBufferBytes = 8192;
            options.OutputBufferBytes = 8192;
            return options;
        }

        /// <summary>Throws when a value is out of range; the server calls it once when it starts.</summary>
        public void Validate()
        {
            Positive(MaxConnections, "MaxConnections");
            Positive(MaxPendingConnections, "MaxPendingConnections");
            AtLeast(MaxRequestsAtOnce, 0, "MaxRequestsAtOnce");
            Positive(PendingTimeoutMilliseconds, "PendingTimeoutMilliseconds");
            AtLeast(RejectQueueLength, 0, "RejectQueueLength");
            AtLeast(MaxRequestLineBytes, 16, "MaxRequestLineBytes");
            AtLeast(MaxHeaderLineBytes, 16, "MaxHeaderLineBytes");
            AtLeast(MaxHeaderBytes, MaxHeaderLineBytes, "MaxHeaderBytes");
            Positive(MaxHeaderCount, "MaxHeaderCount");
            CheckLowercaseTokens(KeptRequestHeaders, "KeptRequestHeaders");
            if (MaxBodyBytes < 0)
            {
                throw new ArgumentOutOfRangeException("MaxBodyBytes");
            }

            AtLeast(MaxChunkLineBytes, 8, "MaxChunkLineBytes");
            AtLeast(MaxDrainBytes, 0, "MaxDrainBytes");
            AtLeast(InputBufferBytes, 64, "InputBufferBytes");
            AtLeast(OutputBufferBytes, 64, "OutputBufferBytes");
            Positive(IdleTimeoutMilliseconds, "IdleTimeoutMilliseconds");
            Positive(HeadTimeoutMilliseconds, "HeadTimeoutMilliseconds");
            Positive(BodyTimeoutMilliseconds, "BodyTimeoutMilliseconds");
            Positive(WriteTimeoutMilliseconds, "WriteTimeoutMilliseconds");
            Positive(RejectTimeoutMilliseconds, "RejectTimeoutMilliseconds");
            AtLeast(LingerMilliseconds, 0, "LingerMilliseconds");
            AtLeast(LingerMaxBytes, 0, "LingerMaxBytes");
            AtLeast(StopTimeoutMilliseconds, 0, "StopTimeoutMilliseconds");
            Positive(WatchdogIntervalMilliseconds, "WatchdogIntervalMilliseconds");
            AtLeast(WatchdogGraceMilliseconds, 0, "WatchdogGraceMilliseconds");
            if (Clock == null)
            {
                throw new ArgumentNullException("Clock");
            }
        }

        private static void CheckLowercaseTokens(string[] names, string option)
        {
            if (names == null)
            {
                return;
            }

            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == null || !Parsing.HttpSyntax.IsToken(names[i]) || names[i] != names[i].ToLower())
                {
                    throw new ArgumentException(option + " holds names that are lowercase tokens", option);
                }
            }
        }

        private static void Positive(long value, string name)
        {
            AtLeast(value, 1, name);
        }

        private static void AtLeast(long value, long minimum, string name)
        {
            if (value < minimum)
            {
                throw new ArgumentOutOfRangeException(name, name + " must be at least " + minimum.ToString());
            }
        }
    }
}
