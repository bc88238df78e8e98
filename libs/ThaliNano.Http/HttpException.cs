using System;

namespace ThaliNano.Http
{
    /// <summary>
    /// An error reply: the server answers it with <see cref="StatusCode"/> and the JSON body
    /// {"error":<see cref="Error"/>,"reason":<see cref="Reason"/>}, if the response has not started yet.
    /// </summary>
    public class HttpException : Exception
    {
        public HttpException(int statusCode, string error, string reason)
            : this(statusCode, error, reason, false)
        {
        }

        /// <param name="closeConnection">
        /// True when the position in the request stream can no longer be trusted (framing errors): the server closes
        /// the connection after the reply instead of reading another request.
        /// </param>
        public HttpException(int statusCode, string error, string reason, bool closeConnection)
            : base(reason)
        {
            if (statusCode < 400 || statusCode > 599)
            {
                throw new ArgumentOutOfRangeException("statusCode", "an error status lies between 400 and 599");
            }

            StatusCode = statusCode;
            Error = error;
            Reason = reason;
            CloseConnection = closeConnection;
        }

        public int StatusCode { get; }

        public string Error { get; }

        public string Reason { get; }

        public bool CloseConnection { get; }

        internal static HttpException BadRequest(string reason)
        {
            return new HttpException(400, "bad_request", reason, false);
        }

        internal static HttpException BadFraming(string reason)
        {
            return new HttpException(400, "bad_request", reason, true);
        }

        internal static HttpException Fatal(int statusCode, string reason)
        {
            return new HttpException(statusCode, HttpStatus.ErrorName(statusCode), reason, true);
        }
    }
}
