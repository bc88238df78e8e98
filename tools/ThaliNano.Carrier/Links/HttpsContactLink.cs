using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Carrier.Links;

/// <summary>
/// A contact over HTTPS: each request frame is a <c>POST /_mesh/contact</c> with the carrier's client certificate to a
/// peer accepted only when its certificate carries the pinned key (host names and CAs play no part). The reply body is
/// returned as it streams in, so bundles are stored as they arrive; a reply that stalls longer than the timeout, a
/// broken connection or a wrong key is an <see cref="IOException"/>, a 4xx a <see cref="ContactRefusedException"/>.
/// </summary>
public sealed class HttpsContactLink : IContactLink, IDisposable
{
    public const string MediaType = "application/vnd.thalinano.contact";
    public const string ContactPath = "/_mesh/contact";
    private const int MaxErrorBytes = 4096;

    private readonly HttpClient _client;
    private readonly Uri _uri;
    private readonly TimeSpan _timeout;

    /// <param name="peer">Where the peer listens and the key it must prove (its path is ignored).</param>
    /// <param name="timeout">For the connection, the reply's headers, and each read of its body.</param>
    public HttpsContactLink(HttpKeyUrl peer, X509Certificate2 clientCertificate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        PublicKeyId pinned = peer.KeyId;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            SslOptions = PinnedTlsClient.Options(pinned, clientCertificate),
        };
        _client = new HttpClient(handler) { Timeout = timeout };
        _uri = new Uri("https://" + peer.Host + ":" + peer.Port + ContactPath);
        _timeout = timeout;
        Peer = pinned;
    }

    /// <summary>The key the peer's certificate must carry.</summary>
    public PublicKeyId Peer { get; }

    public Stream Exchange(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(request) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        HttpResponseMessage response;
        try
        {
            response = _client.Send(message, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            throw new IOException("no contact with " + _uri.Authority + ": " + e.Message, e);
        }
        catch (TaskCanceledException e)
        {
            throw new IOException("no reply from " + _uri.Authority + " within " + _timeout.TotalSeconds + " s", e);
        }

        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Refusal(response);
            }

            if (response.Content.Headers.ContentType?.MediaType != MediaType)
            {
                throw new IOException(_uri.Authority + " answered with " + (response.Content.Headers.ContentType?.ToString() ?? "no content type")
                    + ", not " + MediaType);
            }

            return new ReplyStream(response, _timeout);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// A refused request: the JSON body's <c>refusal</c> (or CouchDB-style <c>error</c>) names a <see cref="ContactRefusal"/>
    /// and <c>reason</c> says why; without them the status decides (413: too large, 401 or 403: not allowed, else malformed).
    /// </summary>
    private ContactRefusedException Refusal(HttpResponseMessage response)
    {
        string body = ReadError(response);
        ContactRefusal refusal = response.StatusCode switch
        {
            HttpStatusCode.RequestEntityTooLarge => ContactRefusal.TooLarge,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ContactRefusal.NotAllowed,
            _ => ContactRefusal.Malformed,
        };
        string reason = _uri.Authority + " refused the contact with " + (int)response.StatusCode;
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (string name in new[] { "error", "refusal" })
                {
                    if (json.RootElement.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                        && Enum.TryParse(value.GetString(), ignoreCase: true, out ContactRefusal named) && named != ContactRefusal.None)
                    {
                        refusal = named;
                    }
                }

                if (json.RootElement.TryGetProperty("reason", out JsonElement text) && text.ValueKind == JsonValueKind.String)
                {
                    reason += ": " + text.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }

        return new ContactRefusedException(refusal, reason);
    }

    private static string ReadError(HttpResponseMessage response)
    {
        using Stream stream = response.Content.ReadAsStream();
        var buffer = new byte[MaxErrorBytes];
        int length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>The reply body, read as it arrives; each read waits at most the timeout. Disposing it ends the exchange.</summary>
    private sealed class ReplyStream(HttpResponseMessage response, TimeSpan timeout) : Stream
    {
        private readonly Stream _body = response.Content.ReadAsStream();

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
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                return _body.ReadAsync(buffer.AsMemory(offset, count), deadline.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                throw new IOException("the reply stalled for " + timeout.TotalSeconds + " s", e);
            }
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
                _body.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
