using System.IO;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>Thrown by an <see cref="IContactLink"/> when the peer refused the request before any frame came back (an HTTP 4xx).</summary>
    public sealed class ContactRefusedException : IOException
    {
        public ContactRefusedException(ContactRefusal refusal, string reason)
            : base(reason)
        {
            Refusal = refusal;
        }

        public ContactRefusal Refusal { get; }
    }
}
