using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Couch.Routing;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Replication
{
    /// <summary>
    /// POST /{db}/_revs_diff {"id":["rev",...],...} -> {"id":{"missing":[...]}} for the ids that miss something, read
    /// and answered one id at a time. possible_ancestors is not reported (it is optional in the protocol).
    /// </summary>
    internal sealed class RevsDiffEndpoint
    {
        private readonly CouchContext _context;

        public RevsDiffEndpoint(CouchContext context)
        {
            _context = context;
        }

        public void Handle(Route route, HttpRequest request, HttpResponse response)
        {
            Database db = _context.Open(route);
            JsonReader r = JsonInput.Open(request.Body, _context.Options);
            JsonInput.StartObject(r, "The _revs_diff body");
            Reply reply = Reply.Start(response, 200, _context.Options);
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                string id = r.GetString();
                r.Read();
                string[] revs = JsonInput.ReadStringArray(r, _context.Options.MaxRequestItems, "each revision list of _revs_diff");
                string[] missing = db.RevsDiff(id, revs);
                if (missing.Length == 0)
                {
                    continue;
                }

                w.WritePropertyName(id);
                w.WriteStartObject();
                w.WritePropertyName("missing");
                DocumentJson.Strings(w, missing);
                w.WriteEndObject();
            }

            JsonInput.End(r);
            w.WriteEndObject();
            reply.Finish();
        }
    }
}
