using System.IO;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// How an initiator reaches a responder: one request frame out, the reply frame as a readable stream (read as it
    /// arrives, so bundles are stored one by one). Throws <see cref="IOException"/> when the link breaks
    /// (<see cref="ContactRefusedException"/> when the peer refused the request outright).
    /// </summary>
    public interface IContactLink
    {
        Stream Exchange(byte[] request);
    }
}
