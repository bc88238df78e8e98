using ThaliNano.Mesh.Contact;

namespace ThaliNano.Boards.Host.Tests.Mesh;

/// <summary>
/// A link that breaks some exchanges at a random point, as a phone walking out of range does: the request is cut on
/// its way (the peer reads a truncated frame), or the reply is cut after a random number of bytes.
/// </summary>
internal sealed class CuttingLink(IContactLink inner, Random random, double cutChance) : IContactLink
{
    public int Cuts { get; private set; }

    public Stream Exchange(byte[] request)
    {
        if (random.NextDouble() >= cutChance)
        {
            return inner.Exchange(request);
        }

        Cuts++;
        if (random.Next(2) == 0)
        {
            try
            {
                inner.Exchange(request[..random.Next(request.Length)]).Dispose();
            }
            catch (IOException)
            {
                // The peer refused the truncated frame: what it took before the cut stays taken.
            }

            throw new IOException("cut while sending");
        }

        using Stream reply = inner.Exchange(request);
        var received = new MemoryStream();
        reply.CopyTo(received);
        byte[] bytes = received.ToArray();
        return new CutReply(bytes[..random.Next(bytes.Length + 1)]);
    }

    /// <summary>The first bytes of a reply, then a dropped connection.</summary>
    private sealed class CutReply(byte[] head) : MemoryStream(head)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = base.Read(buffer, offset, count);
            return n == 0 && count > 0 ? throw new IOException("cut while receiving") : n;
        }
    }
}

/// <summary>Carrier to carrier in one process (two phones over a local link): the responder is the other carrier.</summary>
internal sealed class CarrierLink(Carrier.Carrier responder, ThaliNano.Identity.PublicKeyId initiator) : IContactLink
{
    public Stream Exchange(byte[] request)
    {
        var reply = new MemoryStream();
        ContactReport report = responder.Respond(new MemoryStream(request), reply, initiator);
        if (reply.Length == 0)
        {
            throw new ContactRefusedException(report.Refusal, report.Reason ?? "refused");
        }

        reply.Position = 0;
        return reply;
    }
}
