using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Gateway.Server;

/// <summary>
/// The gateway's HTTPS contact endpoint for carriers (Kestrel): the gateway's own certificate, a client certificate
/// required from every carrier (any issuer: the key is the identity, checked against the allow-list), request bodies
/// limited to the node's frame limit, and <see cref="ContactEndpoint"/> behind it.
/// </summary>
public sealed class GatewayServer : IDisposable
{
    public const string ContactPath = "/_mesh/contact";
    public const string ContactMediaType = "application/vnd.thalinano.contact";

    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, IPAddress address, int port)
    {
        _app = app;
        Address = address;
        Port = port;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>The contact URL carriers post to.</summary>
    public Uri ContactUrl => new($"https://{FormatHost()}:{Port}{ContactPath}");

    /// <summary>Binds and starts serving; returns once the port is bound.</summary>
    public static GatewayServer Start(IContactNode node, GatewayServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Certificate.HasPrivateKey)
        {
            throw new ArgumentException("the gateway's certificate needs its private key", nameof(options));
        }

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = node.MaxInboundFrameBytes;
            kestrel.Limits.MaxConcurrentConnections = options.MaxConcurrentContacts;
            kestrel.Listen(options.Address, options.Port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = options.Certificate,
                SslProtocols = HostTlsConnection.Protocols,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                CheckCertificateRevocation = false,
                // Self-signed carriers: TLS establishes which key; the allow-list decides what that key may do.
                ClientCertificateValidation = (_, _, _) => true,
            }));
        });
        WebApplication app = builder.Build();
        var endpoint = new ContactEndpoint(node, options);
        app.Run(endpoint.Handle);
        app.StartAsync().GetAwaiter().GetResult();
        string bound = app.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GatewayServer(app, options.Address, new Uri(bound).Port);
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    private string FormatHost() => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();
}
