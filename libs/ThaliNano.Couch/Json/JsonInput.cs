using System.IO;
using ThaliNano.Couch.Replies;
using ThaliNano.Json;

namespace ThaliNano.Couch.Json
{
    /// <summary>Reading request bodies: a reader with the hub's limits and the few shapes every endpoint checks.</summary>
    internal static class JsonInput
    {
        private const int ReaderBufferBytes = 128;

        /// <summary>
        /// A reader over a request body whose strings may be as long as a whole document. Its buffer holds the token being
        /// read, not the body (documents are rewritten as they are parsed): it starts small and doubles for a longer token.
        /// </summary>
        public static JsonReader Open(Stream body, CouchOptions options)
        {
            JsonLimits limits = new JsonLimits();
            limits.MaxStringLength = options.MaxDocumentBytes;
            return new JsonReader(body, ReaderBufferBytes, limits);
        }

        /// <summary>Reads the first token, which must open an object.</summary>
        public static void StartObject(JsonReader r, string what)
        {
            if (!r.Read() || r.TokenType != JsonToken.StartObject)
            {
                throw CouchErrors.BadRequest(what + " must be a JSON object");
            }
        }

        /// <summary>After the top-level value: only white space may follow.</summary>
        public static void End(JsonReader r)
        {
            r.Read();
        }

        /// <summary>Moves to the value of the current property.</summary>
        public static void Value(JsonReader r)
        {
            r.Read();
        }

        /// <summary>The current token, which must be a string.</summary>
        public static string String(JsonReader r, string what)
        {
            if (r.TokenType != JsonToken.String)
            {
                throw CouchErrors.BadRequest(what + " must be a string");
            }

            return r.GetString();
        }

        /// <summary>The current token, which must be true or false.</summary>
        public static bool Boolean(JsonReader r, string what)
        {
            if (r.TokenType != JsonToken.True && r.TokenType != JsonToken.False)
            {
                throw CouchErrors.BadRequest(what + " must be true or false");
            }

            return r.TokenType == JsonToken.True;
        }

        /// <summary>
        /// Reads a whole JSON object (the reader before its first token) and returns the string array in one of its
        /// fields (at most max items), or null when the field is absent; other fields are skipped.
        /// </summary>
        public static string[] FindStringArray(JsonReader r, string field, int max, string what)
        {
            StartObject(r, what);
            string[] found = null;
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                bool wanted = r.ValueEquals(field);
                r.Read();
                if (wanted)
                {
                    found = ReadStringArray(r, max, field);
                }
                else
                {
                    r.Skip();
                }
            }

            End(r);
            return found;
        }

        /// <summary>Reads the array the reader is on (its start token) whose items must be strings; at most max items (else 413).</summary>
        public static string[] ReadStringArray(JsonReader r, int max, string what)
        {
            if (r.TokenType != JsonToken.StartArray)
            {
                throw CouchErrors.BadRequest(what + " must be an array of strings");
            }

            string[] items = new string[4];
            int n = 0;
            while (r.Read() && r.TokenType != JsonToken.EndArray)
            {
                if (r.TokenType != JsonToken.String)
                {
                    throw CouchErrors.BadRequest(what + " must be an array of strings");
                }

                if (n == max)
                {
                    throw CouchErrors.TooLarge("too_many_items", what + " holds more than " + max.ToString() + " entries");
                }

                if (n == items.Length)
                {
                    string[] larger = new string[n * 2];
                    System.Array.Copy(items, larger, n);
                    items = larger;
                }

                items[n++] = r.GetString();
            }

            string[] exact = new string[n];
            System.Array.Copy(items, exact, n);
            return exact;
        }
    }
}
