using System;

namespace ThaliNano.Http
{
    /// <summary>
    /// Header fields in arrival (or insertion) order; names compare case-insensitively and may repeat.
    /// Request headers are read-only; response headers check names and values as they are added and refuse the
    /// fields that the server itself writes (Content-Length, Transfer-Encoding, Connection, Keep-Alive).
    /// </summary>
    public sealed class HttpHeaders
    {
        private readonly NameValueList list;
        private readonly bool writable;

        internal HttpHeaders(bool writable, int capacity)
        {
            this.writable = writable;
            list = new NameValueList(true, capacity);
        }

        public int Count
        {
            get { return list.Count; }
        }

        public string NameAt(int index)
        {
            return list.NameAt(index);
        }

        public string ValueAt(int index)
        {
            return list.ValueAt(index);
        }

        /// <summary>The first value of the field, or null.</summary>
        public string Get(string name)
        {
            return list.Get(name);
        }

        /// <summary>Every value of the field in order; empty when absent.</summary>
        public string[] GetAll(string name)
        {
            return list.GetAll(name);
        }

        public bool Contains(string name)
        {
            return list.IndexOf(name, 0) >= 0;
        }

        /// <summary>True when some value of the field, read as a comma-separated list, holds the token.</summary>
        public bool ContainsToken(string name, string token)
        {
            for (int i = list.IndexOf(name, 0); i >= 0; i = list.IndexOf(name, i + 1))
            {
                if (Ascii.ListContains(list.ValueAt(i), token))
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
            list.Add(name, value);
        }

        /// <summary>Replaces every field of this name by one (response headers only).</summary>
        public void Set(string name, string value)
        {
            CheckWritable(name, value);
            list.RemoveAll(name);
            list.Add(name, value);
        }

        /// <summary>Removes every field of this name; true when there was one (response headers only).</summary>
        public bool Remove(string name)
        {
            CheckWritable(name, string.Empty);
            return list.RemoveAll(name) > 0;
        }

        internal void AddParsed(string name, string value)
        {
            list.Add(name, value);
        }

        internal void Clear()
        {
            list.Clear();
        }

        private void CheckWritable(string name, string value)
        {
            if (!writable)
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
