using System.IO;

namespace ThaliNano.Http
{
    /// <summary>
    /// One accepted client connection, as a transport driver (plain TCP, host TLS, ESP32 TLS, an in-memory pipe)
    /// hands it to the server. The server owns it from <see cref="IConnectionListener.Accept"/> on and closes it.
    /// </summary>
    public interface IConnection
    {
        /// <summary>
        /// Completes the transport's setup, such as the TLS handshake, on the connection's own worker thread (so that
        /// a slow handshake never holds up the accept loop). It runs under the request-head deadline: the server closes
        /// the connection when the deadline passes. Drivers that have nothing to do return at once.
        /// </summary>
        void Open();

        /// <summary>The byte stream of the connection; valid after <see cref="Open"/>.</summary>
        Stream Stream { get; }

        /// <summary>
        /// The authenticated peer (for example the hash of the client key the TLS layer verified), or null when the
        /// platform cannot tell which client connected. Valid after <see cref="Open"/>.
        /// </summary>
        string Principal { get; }

        /// <summary>Where the client connects from, as text for logs (for example "127.0.0.1:51234"); may be null.</summary>
        string RemoteEndPoint { get; }

        /// <summary>
        /// Closes the connection. Must be idempotent and callable from any thread while another thread is blocked in a
        /// read or write on <see cref="Stream"/>, which must then fail or return: the server's watchdog relies on it.
        /// </summary>
        void Close();
    }
}
