namespace ThaliNano.Http
{
    /// <summary>
    /// The decoded query of a request target: names and values percent-decoded, '+' read as a space (as CouchDB and
    /// every form decoder do), names case-sensitive, repeated names kept in order, a name without '=' has the value "".
    /// <see cref="NameValues.Get"/> returns the first value, as CouchDB does.
    /// </summary>
    public sealed class QueryParameters : NameValues
    {
        /// <summary>The query of a target without one.</summary>
        internal static readonly QueryParameters Empty = new QueryParameters(new NameValueList(false, 1));

        internal QueryParameters(NameValueList list)
            : base(list)
        {
        }
    }
}
