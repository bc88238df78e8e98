namespace ThaliNano.Http
{
    /// <summary>Read access to an ordered list of name/value pairs in which names may repeat.</summary>
    public abstract class NameValues
    {
        internal NameValues(NameValueList list)
        {
            List = list;
        }

        public int Count
        {
            get { return List.Count; }
        }

        internal NameValueList List { get; }

        public string NameAt(int index)
        {
            return List.NameAt(index);
        }

        public string ValueAt(int index)
        {
            return List.ValueAt(index);
        }

        /// <summary>The first value of this name, or null when absent.</summary>
        public string Get(string name)
        {
            return List.Get(name);
        }

        /// <summary>Every value of this name, in order; empty when absent.</summary>
        public string[] GetAll(string name)
        {
            return List.GetAll(name);
        }

        public bool Contains(string name)
        {
            return List.IndexOf(name, 0) >= 0;
        }
    }
}
