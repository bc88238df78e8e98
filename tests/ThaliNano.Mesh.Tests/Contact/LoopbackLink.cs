using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Mesh.Tests.Contact;

/// <summary>
/// A link straight into a responder, as HTTPS gives it (the transport names the initiator), that can cut the
/// conversation after a given number of bytes across all requests and replies, as a walk out of range does.
/// </summary>
public sealed class LoopbackLink(ContactResponder responder, PublicKeyId? transportPeer, long cutAfterBytes = long.MaxValue) : IContactLink
{
    private long _budget = cutAfterBytes;

    public List<ContactReport> Reports { get; } = new();

    public Stream Exchange(byte[] request)
    {
        if (request.Length > _budget)
        {
            // The request was cut on its way: the responder reads a truncated frame.
            Reports.Add(responder.Respond(new MemoryStream(request, 0, (int)_budget), new MemoryStream(), transportPeer));
            _budget = 0;
            throw new IOException("cut while sending");
        }

        _budget -= request.Length;
        var reply = new MemoryStream();
        Reports.Add(responder.Respond(new MemoryStream(request), reply, transportPeer));
        byte[] bytes = reply.ToArray();
        if (bytes.Length == 0)
        {
            return new MemoryStream(ContactResponder.RefusalFrame(Reports[^1].Refusal, Reports[^1].Reason));
        }

        int delivered = (int)Math.Min(bytes.Length, _budget);
        _budget -= delivered;
        return new CutStream(bytes, delivered);
    }

    /// <summary>Yields the first bytes of a reply, then fails as a dropped connection does.</summary>
    private sealed class CutStream(byte[] bytes, int delivered) : MemoryStream(bytes, 0, delivered)
    {
        private readonly bool _cut = delivered < bytes.Length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = base.Read(buffer, offset, count);
            if (n == 0 && count > 0 && _cut)
            {
                throw new IOException("cut while receiving");
            }

            return n;
        }
    }
}
