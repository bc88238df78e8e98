using System.Net;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Gateway.Server;

public sealed class GatewayServerOptions
{
    /// <summary>The gateway's own certificate with its private key (its key id is the destination key id).</summary>
    public required X509Certificate2 Certificate { get; init; }

    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Who may contact the gateway. Null with <see cref="AllowAnyCarrier"/> false lets nobody in: the default is closed,
    /// because although bundles and receipts protect themselves, an open endpoint gives anyone the gateway's CPU, its
    /// database writes and its summaries (which sensors it serves, how much they sent).
    /// </summary>
    public CarrierAllowList? Carriers { get; init; }

    /// <summary>Any client certificate will do: for a public gateway any passing phone may carry to.</summary>
    public bool AllowAnyCarrier { get; init; }

    /// <summary>Contacts served at once; each holds a thread while it reads its request (synchronous reads).</summary>
    public int MaxConcurrentContacts { get; init; } = 32;

    /// <summary>Told of every contact the responder answered, refusals included (for logs and the status page).</summary>
    public Action<PublicKeyId, ContactReport>? ContactFinished { get; init; }

    /// <summary>Told of a contact that failed on the gateway's side (the database or the ledger), answered 503 or 500.</summary>
    public Action<PublicKeyId, Exception>? ContactFailed { get; init; }
}
