using System.IO;
using ThaliNano.Json;

namespace ThaliNano.Http.Output
{
    /// <summary>The JSON body of an error reply: {"error":"...","reason":"..."}.</summary>
    internal static class ErrorBody
    {
        private const int WriterBufferBytes = 64;

        public static byte[] Encode(string error, string reason)
        {
            MemoryStream body = new MemoryStream();
            JsonWriter writer = new JsonWriter(body, WriterBufferBytes);
            writer.WriteStartObject();
            writer.WritePropertyName("error");
            writer.WriteString(error);
            writer.WritePropertyName("reason");
            writer.WriteString(reason);
            writer.WriteEndObject();
            writer.Flush();
            return body.ToArray();
        }
    }
}
