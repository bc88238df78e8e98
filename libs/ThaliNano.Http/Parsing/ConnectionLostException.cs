using System;

namespace ThaliNano.Http.Parsing
{
    /// <summary>The transport failed or the peer went away: nothing more can be read or written on the connection.</summary>
    internal sealed class ConnectionLostException : Exception
    {
        public ConnectionLostException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
