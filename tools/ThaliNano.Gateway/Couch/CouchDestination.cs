using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;

namespace ThaliNano.Gateway.Couch;

/// <summary>
/// Where delivered revisions go and how to reach it: plain http to a server on this machine (pouchdb-server in
/// tests), https with basic auth (CouchDB 3.x, its certificate checked the usual way), or a ThaliNano hub by its
/// httpkey URL (mutual TLS: the gateway's client certificate, the hub accepted only with the pinned key).
/// </summary>
public sealed class CouchDestination
{
    private CouchDestination(Uri root, AuthenticationHeaderValue? authorization, X509Certificate2? clientCertificate, PublicKeyId? pinnedKey)
    {
        Root = root;
        Authorization = authorization;
        ClientCertificate = clientCertificate;
        PinnedKey = pinnedKey;
    }

    /// <summary>The server's root (ends in '/'); databases are addressed below it.</summary>
    public Uri Root { get; }

    public AuthenticationHeaderValue? Authorization { get; }

    public X509Certificate2? ClientCertificate { get; }

    /// <summary>The hub's key id when the destination is a ThaliNano hub.</summary>
    public PublicKeyId? PinnedKey { get; }

    /// <summary>
    /// An http(s) URL, with <c>user:password@</c> for basic auth. Plain http is refused unless the host is a loopback
    /// address: revisions and passwords would cross the network in clear.
    /// </summary>
    public static CouchDestination FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"\"{url}\" is not an http or https URL");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new FormatException($"plain http is only for a server on this machine (127.0.0.1, ::1, localhost); use https for {uri.Host}");
        }

        AuthenticationHeaderValue? authorization = null;
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            string user = Uri.UnescapeDataString(parts[0]);
            string password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        var root = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
        if (!root.Path.EndsWith('/'))
        {
            root.Path += "/";
        }

        return new CouchDestination(root.Uri, authorization, null, null);
    }

    /// <summary>A ThaliNano hub: https to the URL's host and port, mutual TLS, the hub pinned by the URL's key id.</summary>
    public static CouchDestination FromHub(HttpKeyUrl hub, X509Certificate2 clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        if (!clientCertificate.HasPrivateKey)
        {
            throw new ArgumentException("the gateway's client certificate needs its private key", nameof(clientCertificate));
        }

        string url = hub.ToHttpsUrl();
        return new CouchDestination(new Uri(url.EndsWith('/') ? url : url + "/"), null, clientCertificate, hub.KeyId);
    }

    /// <summary>An http(s) URL or an httpkey URL (which then needs <paramref name="clientCertificate"/>).</summary>
    public static CouchDestination Parse(string url, X509Certificate2? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith(HttpKeyUrl.Prefix, StringComparison.Ordinal))
        {
            return FromUrl(url);
        }

        return FromHub(HttpKeyUrl.Parse(url), clientCertificate
            ?? throw new ArgumentException("a hub (httpkey URL) is reached with the gateway's client certificate", nameof(clientCertificate)));
    }

    /// <summary>The URL of a database (its name escaped, '/' included, as CouchDB expects).</summary>
    public Uri Database(string name, string? rest = null) => new(Root, Uri.EscapeDataString(name) + rest);

    /// <summary>An HttpClient for this destination (the caller owns it).</summary>
    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) };
        if (PinnedKey is not null)
        {
            handler.SslOptions = PinnedTlsClient.Options(PinnedKey, ClientCertificate!);
        }

        var client = new HttpClient(handler) { Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = Authorization;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public override string ToString() => PinnedKey is null ? Root.ToString() : Root + " (pinned " + PinnedKey.ToBase64Url() + ")";
}
