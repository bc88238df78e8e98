using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Carrier.Tests;

/// <summary>A link straight into a responder, as HTTPS gives it: the transport names the initiator, a refusal is a 4xx.</summary>
public sealed class InMemoryLink(ContactResponder responder, PublicKeyId? transportPeer) : IContactLink
{
    public List<ContactReport> Reports { get; } = new();

    public Stream Exchange(byte[] request)
    {
        var reply = new MemoryStream();
        ContactReport report = responder.Respond(new MemoryStream(request), reply, transportPeer);
        Reports.Add(report);
        if (reply.Length == 0)
        {
            throw new ContactRefusedException(report.Refusal, report.Reason);
        }

        reply.Position = 0;
        return reply;
    }
}

/// <summary>
/// Wraps a link and breaks it after a budget of bytes across every request and reply, as walking out of range does: a
/// request cut on its way reaches the responder truncated, a reply cut on its way fails the read after its last byte.
/// </summary>
public sealed class CuttingLink(IContactLink inner, long budget) : IContactLink
{
    private long _budget = budget;

    public bool WasCut { get; private set; }

    public Stream Exchange(byte[] request)
    {
        if (request.Length > _budget)
        {
            int delivered = (int)_budget;
            _budget = 0;
            WasCut = true;
            try
            {
                inner.Exchange(request[..delivered]).Dispose();
            }
            catch (IOException)
            {
            }

            throw new IOException("cut after " + delivered + " bytes of the request");
        }

        _budget -= request.Length;
        return new CuttingStream(inner.Exchange(request), this);
    }

    private sealed class CuttingStream(Stream inner, CuttingLink link) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count > 0 && link._budget == 0)
            {
                link.WasCut = true;
                throw new IOException("cut while receiving");
            }

            int read = inner.Read(buffer, offset, (int)Math.Min(count, link._budget));
            link._budget -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
