namespace ThaliNano.Http.Connections
{
    /// <summary>
    /// One connection's hold on a <see cref="RequestTurns"/> turn: taken when a request arrives, given back when it is
    /// done and while its handler waits (<see cref="HttpRequest.BeginWait"/>). Used by the connection's thread only.
    /// Without turns (no <see cref="HttpServerOptions.MaxRequestsAtOnce"/>) it does nothing.
    /// </summary>
    internal sealed class RequestTurn
    {
        private readonly RequestTurns _turns;
        private bool _held;

        public RequestTurn(RequestTurns turns)
        {
            _turns = turns;
        }

        public void Take()
        {
            if (_turns != null && !_held)
            {
                _turns.Take();
                _held = true;
            }
        }

        public void Give()
        {
            if (_held)
            {
                _held = false;
                _turns.Give();
            }
        }
    }
}
