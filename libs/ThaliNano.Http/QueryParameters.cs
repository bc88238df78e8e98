namespace ThaliNano.Http
{
    /// <summary>
    /// The decoded query of a request target: names and values percent-decoded, '+' read as a space (as CouchDB and
    /// every form decoder do), names case-sensitive, repeated names kept in order, a name without '=' has the value "".
    /// </summary>
    public sealed class QueryParameters
    {
        private readonly NameValueList list;

        internal QueryParameters(NameValueList list)
        {
            this.list = list;
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

        /// <summary>The first value of the parameter (CouchDB uses the first too), or null when absent.</summary>
        public string Get(string name)
        {
            return list.Get(name);
        }

        public string[] GetAll(string name)
        {
            return list.GetAll(name);
        }

        public bool Contains(string name)
        {
            return list.IndexOf(name, 0) >= 0;
        }
    }
}
