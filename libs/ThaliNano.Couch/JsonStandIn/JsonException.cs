using System;

namespace ThaliNano.Json
{
    // STAND-IN until branch `json` lands (see JsonToken.cs).

    /// <summary>The input is not JSON that the reader accepts, or a value is not of the kind asked for.</summary>
    internal class JsonException : Exception
    {
        public JsonException(string reason, long position)
            : base(reason + " at byte " + position.ToString())
        {
            Reason = reason;
            Position = position;
        }

        /// <summary>What is wrong, without the position.</summary>
        public string Reason { get; }

        /// <summary>Byte offset from the start of the input where the problem was found.</summary>
        public long Position { get; }
    }
}
