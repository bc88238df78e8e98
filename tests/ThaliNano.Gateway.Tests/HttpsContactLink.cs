using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ThaliNano.Gateway.Server;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Gateway.Tests;

/// <summary>A carrier's HTTPS link to the gateway: its client certificate, the gateway pinned by key id.</summary>
internal sealed class HttpsContactLink : IContactLink, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _url;

    public HttpsContactLink(Uri url, X509Certificate2? clientCertificate, PublicKeyId gateway)
    {
        _url = url;
        var handler = new SocketsHttpHandler();
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && PinValidator.Matches(certificate.GetRawCertData(), gateway),
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The last error answer: status and JSON body.</summary>
    public (int Status, JsonNode? Body) LastError { get; private set; }

    public Stream Exchange(byte[] request)
    {
        HttpResponseMessage response;
        try
        {
            response = Post(request, GatewayServer.ContactMediaType);
        }
        catch (HttpRequestException e)
        {
            throw new IOException(e.Message, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response.Content.ReadAsStream();
        }

        JsonNode? body = JsonNode.Parse(response.Content.ReadAsStream());
        LastError = ((int)response.StatusCode, body);
        string reason = body?["reason"]?.GetValue<string>() ?? "";
        throw ContactHttpErrors.TryParse(body?["error"]?.GetValue<string>(), out ContactRefusal refusal)
            ? new ContactRefusedException(refusal, reason)
            : new IOException((int)response.StatusCode + ": " + reason);
    }

    public HttpResponseMessage Post(byte[] body, string mediaType, HttpMethod? method = null, string path = "")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return _http.Send(new HttpRequestMessage(method ?? HttpMethod.Post, path.Length == 0 ? _url : new Uri(_url, path)) { Content = content });
    }

    public void Dispose() => _http.Dispose();
}
