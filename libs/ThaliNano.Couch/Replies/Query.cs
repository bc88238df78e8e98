using System.Text;
using ThaliNano.Couch.Json;
using ThaliNano.Http;
using ThaliNano.Json;

namespace ThaliNano.Couch.Replies
{
    /// <summary>Query parameters with CouchDB's meanings, parsed strictly: a value the hub does not understand is a 400.</summary>
    internal static class Query
    {
        public static bool Bool(HttpRequest request, string name, bool absent)
        {
            string v = request.Query.Get(name);
            if (v == null)
            {
                return absent;
            }

            if (v == "true")
            {
                return true;
            }

            if (v == "false")
            {
                return false;
            }

            throw CouchErrors.QueryParseError("Invalid boolean parameter " + name + "=\"" + v + "\": expected true or false");
        }

        /// <summary>A non-negative integer parameter, at most <paramref name="max"/>; <paramref name="absent"/> when missing.</summary>
        public static long Integer(HttpRequest request, string name, long absent, long max)
        {
            string v = request.Query.Get(name);
            if (v == null)
            {
                return absent;
            }

            long n = ParseNonNegative(v, max);
            if (n < 0)
            {
                throw CouchErrors.QueryParseError("Invalid value for " + name + "=\"" + v + "\": expected an integer from 0 to "
                    + max.ToString());
            }

            return n;
        }

        /// <summary>Decimal digits only, at most <paramref name="max"/>; -1 otherwise.</summary>
        public static long ParseNonNegative(string text, long max)
        {
            if (text.Length == 0 || text.Length > 19)
            {
                return -1;
            }

            long n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int d = text[i] - '0';
                if (d < 0 || d > 9)
                {
                    return -1;
                }

                n = n * 10 + d;
                if (n > max)
                {
                    return -1;
                }
            }

            return n;
        }

        /// <summary>A parameter whose value is JSON text of a string (startkey="abc"); null when missing.</summary>
        public static string JsonString(HttpRequest request, string name)
        {
            string v = request.Query.Get(name);
            if (v == null)
            {
                return null;
            }

            JsonReader r = Open(v);
            try
            {
                if (r.Read() && r.TokenType == JsonToken.String)
                {
                    string s = r.GetString();
                    if (!r.Read())
                    {
                        return s;
                    }
                }
            }
            catch (JsonException)
            {
            }

            throw CouchErrors.QueryParseError("Invalid value for " + name + ": expected a JSON string such as \"doc-id\" (quotes included)");
        }

        /// <summary>JSON text of an array of strings (open_revs, doc_ids, keys), at most <paramref name="max"/> entries.</summary>
        public static string[] JsonStringArray(string text, string name, int max)
        {
            JsonReader r = Open(text);
            try
            {
                if (r.Read() && r.TokenType == JsonToken.StartArray)
                {
                    string[] items = JsonInput.ReadStringArray(r, max, name);
                    if (!r.Read())
                    {
                        return items;
                    }
                }
            }
            catch (JsonException)
            {
            }
            catch (HttpException e)
            {
                if (e.StatusCode != 400)
                {
                    throw;
                }
            }

            throw CouchErrors.QueryParseError("Invalid value for " + name + ": expected a JSON array of strings");
        }

        /// <summary>Rejects a parameter set to true for a feature the hub lacks (attachments=true, ...).</summary>
        public static void RejectTrue(HttpRequest request, string name, string reason)
        {
            if (Bool(request, name, false))
            {
                throw CouchErrors.BadRequest(reason);
            }
        }

        private static JsonReader Open(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return new JsonReader(bytes, 0, bytes.Length);
        }
    }
}
