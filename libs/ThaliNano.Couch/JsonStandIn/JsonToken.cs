namespace ThaliNano.Json
{
    // STAND-IN until branch `json` lands ThaliNano.Core/Json: same names as its work in progress. Delete this folder
    // when merging `json` (the Core types then take over; CS0436 flags any copy left behind).

    /// <summary>The kind of token a <see cref="JsonReader"/> is positioned on.</summary>
    internal enum JsonToken
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
