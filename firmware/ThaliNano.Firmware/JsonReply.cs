using System.IO;
using ThaliNano.Http;
using ThaliNano.Json;

namespace ThaliNano.Firmware
{
    /// <summary>A small JSON object reply of the hub's own endpoints: open on construction, closed and sent by <see cref="Send"/>.</summary>
    internal sealed class JsonReply
    {
        private readonly MemoryStream _body = new MemoryStream();

        public JsonReply()
        {
            Json = new JsonWriter(_body);
            Json.WriteStartObject();
        }

        public JsonWriter Json { get; }

        /// <summary>A reply that starts <c>{"ok":true</c>.</summary>
        public static JsonReply Ok()
        {
            JsonReply reply = new JsonReply();
            reply.Json.WritePropertyName("ok");
            reply.Json.WriteBoolean(true);
            return reply;
        }

        public void Number(string name, long value)
        {
            Json.WritePropertyName(name);
            Json.WriteNumber(value);
        }

        public void Send(HttpResponse response, int status)
        {
            Json.WriteEndObject();
            Json.Flush();
            response.StatusCode = status;
            response.Headers.Set("Content-Type", "application/json");
            response.Headers.Set("Cache-Control", "no-store");
            response.Send(_body.ToArray());
        }

        /// <summary>
        /// 405 with the Allow header, sent here rather than thrown: the server's error reply would drop the header.
        /// </summary>
        public static void MethodNotAllowed(HttpResponse response, string allow, string reason)
        {
            response.Headers.Set("Allow", allow);
            response.SendError(405, "method_not_allowed", reason);
        }
    }
}
