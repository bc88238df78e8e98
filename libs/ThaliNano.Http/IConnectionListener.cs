namespace ThaliNano.Http
{
    /// <summary>The source of connections for <see cref="HttpServer"/>: a bound, listening socket of some transport.</summary>
    public interface IConnectionListener
    {
        /// <summary>
        /// Blocks until a client connects and returns it, or returns null once <see cref="Close"/> has been called.
        /// May throw on a transient failure; the server logs it and accepts again.
        /// </summary>
        IConnection Accept();

        /// <summary>Stops listening; a blocked <see cref="Accept"/> returns null. Idempotent.</summary>
        void Close();
    }
}
