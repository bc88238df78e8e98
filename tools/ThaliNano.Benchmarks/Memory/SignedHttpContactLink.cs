using System.Net.Http.Headers;
using ThaliNano.Carrier.Links;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// A carrier's contact with the benchmark's hub: <c>POST /_mesh/contact</c> over plain HTTP, each request signed with a
/// ThaliKey proof (the carrier's key id and pairing secret, the hub's key id and epoch), which is how the principal
/// reaches a hub whose transport cannot name it (the ESP32's mbedTLS). The TLS the carrier uses with a real device
/// (<see cref="HttpsContactLink"/>) is outside the hub's managed heap there, so it has no part in this measurement.
/// </summary>
internal sealed class SignedHttpContactLink(string baseUrl, PublicKeyId carrier, byte[] secret, PublicKeyId hub, string epoch)
    : IContactLink, IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    private long _counter;

    public Stream Exchange(byte[] request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, HttpsContactLink.ContactPath) { Content = new ByteArrayContent(request) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(HttpsContactLink.MediaType);
        message.Headers.TryAddWithoutValidation("Authorization", ThaliKeyProof.CreateHeader(carrier, secret, hub, epoch, ++_counter, "POST",
            HttpsContactLink.ContactPath, ThaliKeyProof.DigestOfBody(request, 0, request.Length)));
        HttpResponseMessage response = _client.Send(message, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode)
        {
            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            response.Dispose();
            throw new ContactRefusedException(ContactRefusal.NotAllowed, "the hub answered " + (int)response.StatusCode + ": " + body);
        }

        var reply = new MemoryStream();
        response.Content.ReadAsStream().CopyTo(reply);
        response.Dispose();
        reply.Position = 0;
        return reply;
    }

    public void Dispose() => _client.Dispose();
}
