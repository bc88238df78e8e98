using System;
using ThaliNano.Http.Parsing;

namespace ThaliNano.Http
{
    /// <summary>
    /// Header fields in arrival (or insertion) order; names compare case-insensitively and may repeat.
    /// Request headers are read-only; response headers check names and values as they are added and refuse the
    /// fields that the server itself writes (Content-Length, Transfer-Encoding, Connection, Keep-Alive).
    /// </summary>
    public sealed class HttpHeaders : NameValues
    {
        private readonly bool _writable;

        internal HttpHeaders(bool writable, int capacity)
            : base(new NameValueList(true, capacity))
        {
            this._writable = writable;
        }

        /// <summary>True when some value of the field, read as a comma-separated list, holds the token.</summary>
        public bool ContainsToken(string name, string token)
        {
            for (int i = List.IndexOf(name, 0); i >= 0; i = List.IndexOf(name, i + 1))
            {
                if (Ascii.ListContains(List.ValueAt(i), token))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds a field (response headers only).</summary>
        public void Add(string name, string value)
        {
            CheckWritable(name, value);
            List.Add(name, value);
        }

        /// <summary>Replaces every field of this name by one (response headers only).</summary>
        public void Set(string name, string value)
        {
            CheckWritable(name, value);
            List.RemoveAll(name);
            List.Add(name, value);
        }

        /// <summary>Removes every field of this name; true when there was one (response headers only).</summary>
        public bool Remove(string name)
        {
            CheckWritable(name, string.Empty);
            return List.RemoveAll(name) > 0;
        }

        internal void AddParsed(string name, string value)
        {
            List.Add(name, value);
        }

        internal void RemoveParsed(string name)
        {
            List.RemoveAll(name);
        }

        internal void Clear()
        {
            List.Clear();
        }

        private void CheckWritable(string name, string value)
        {
            if (!_writable)
            {
                throw new InvalidOperationException("request headers are read-only");
            }

            if (!HttpSyntax.IsToken(name))
            {
                throw new ArgumentException("a header name must be a token", "name");
            }

            if (!HttpSyntax.IsFieldValue(value))
            {
                throw new ArgumentException("a header value may not hold control characters, CR, LF or surrounding whitespace", "value");
            }

            if (Ascii.EqualsIgnoreCase(name, "Content-Length") || Ascii.EqualsIgnoreCase(name, "Transfer-Encoding")
                || Ascii.EqualsIgnoreCase(name, "Connection") || Ascii.EqualsIgnoreCase(name, "Keep-Alive"))
            {
                throw new ArgumentException("the server writes " + name + " itself", "name");
            }
        }
    }
}
