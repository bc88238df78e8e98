using System.Text;
using ThaliNano.Http;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// Stands in for the Couch replication subset (libs/ThaliNano.Couch) until it lands: answers GET / with the
    /// welcome document and the caller's principal, and everything else with 501.
    /// </summary>
    internal sealed class InterimHandler : IHttpHandler
    {
        private readonly string _hubUuid;

        public InterimHandler(string hubUuid)
        {
            _hubUuid = hubUuid;
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            if (request.PathSegments.Length == 0 && (request.Method == "GET" || request.Method == "HEAD"))
            {
                string principal = request.Principal == null ? "null" : "\"" + request.Principal + "\"";
                response.Headers.Set("Content-Type", "application/json");
                response.Send(Encoding.UTF8.GetBytes("{\"couchdb\":\"Welcome\",\"uuid\":\"" + _hubUuid
                    + "\",\"vendor\":{\"name\":\"ThaliNano\"},\"principal\":" + principal + "}\n"));
                return;
            }

            response.SendError(501, "not_implemented", "the Couch replication subset has not landed in this build yet");
        }
    }
}
