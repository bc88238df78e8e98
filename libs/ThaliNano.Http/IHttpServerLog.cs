using System;

namespace ThaliNano.Http
{
    /// <summary>Receives what the server cannot tell the client: handler failures and transport errors.</summary>
    public interface IHttpServerLog
    {
        /// <param name="message">What happened, without request data.</param>
        /// <param name="exception">The cause; may be null.</param>
        void Log(string message, Exception exception);
    }
}
