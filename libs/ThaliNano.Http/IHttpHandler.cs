namespace ThaliNano.Http
{
    /// <summary>
    /// Answers one request. Called on the connection's worker thread, one request at a time per connection.
    /// Throw <see cref="HttpException"/> for an error reply; any other exception becomes a 500 without details.
    /// Returning without sending anything sends <see cref="HttpResponse.StatusCode"/> with an empty body.
    /// </summary>
    public interface IHttpHandler
    {
        void Handle(HttpRequest request, HttpResponse response);
    }
}
