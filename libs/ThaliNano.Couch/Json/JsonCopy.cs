using System.IO;
using ThaliNano.Couch.Replies;
using ThaliNano.Json;

namespace ThaliNano.Couch.Json
{
    /// <summary>
    /// Copies one JSON value from a reader to a writer, compact, checking the size as it goes (the reader's own
    /// CopyValueTo copies a whole container before anyone can look at its size).
    /// </summary>
    internal static class JsonCopy
    {
        /// <summary>
        /// Copies the value the reader is on: a scalar, or a whole object or array; the reader ends on its last token.
        /// Stops with 413 as soon as <paramref name="sink"/> (what the writer writes to) grows past <paramref name="max"/> bytes.
        /// </summary>
        public static void Value(JsonReader r, JsonWriter w, Stream sink, long max, string docId)
        {
            int depth = r.Depth;
            while (true)
            {
                JsonToken t = r.TokenType;
                switch (t)
                {
                    case JsonToken.StartObject:
                        w.WriteStartObject();
                        break;
                    case JsonToken.EndObject:
                        w.WriteEndObject();
                        break;
                    case JsonToken.StartArray:
                        w.WriteStartArray();
                        break;
                    case JsonToken.EndArray:
                        w.WriteEndArray();
                        break;
                    case JsonToken.PropertyName:
                        r.CopyPropertyNameTo(w);
                        break;
                    default:
                        // A scalar: copied byte for byte, without decoding it.
                        r.CopyValueTo(w);
                        break;
                }

                if (sink.Length > max)
                {
                    throw CouchErrors.TooLarge("document_too_large",
                        (docId == null ? "the document" : "document " + docId) + " is larger than " + (max + 1).ToString() + " bytes");
                }

                if (r.Depth == depth && t != JsonToken.StartObject && t != JsonToken.StartArray && t != JsonToken.PropertyName)
                {
                    return;
                }

                r.Read();
            }
        }
    }
}
