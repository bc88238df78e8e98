using System;

namespace ThaliNano.Identity
{
    /// <summary>Thrown when bytes are not the strict DER this library accepts (certificates, keys).</summary>
    public sealed class DerFormatException : FormatException
    {
        public DerFormatException(string message)
            : base(message)
        {
        }
    }
}
