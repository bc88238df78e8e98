namespace ThaliNano.Json
{
    /// <summary>The kind of token a <see cref="JsonReader"/> is positioned on.</summary>
    public enum JsonToken
    {
        /// <summary>Before the first Read, and after Read has returned false at the end of the input.</summary>
        None,
        StartObject,
        EndObject,
        StartArray,
        EndArray,
        PropertyName,
        String,
        Number,
        True,
        False,
        Null,
    }
}
