using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Net.Http.Headers;
using ThaliNano.Gateway.Couch;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Gateway.Server;

/// <summary>
/// <c>POST /_mesh/contact</c>: one request frame of a contact in, the reply frame out (200,
/// <c>application/vnd.thalinano.contact</c>), or a refusal as a status and a JSON error.
/// The request is read as it arrives, synchronously (the responder is synchronous code shared with the device), so
/// each bundle is delivered as soon as its record is in and a cut request keeps what came before the cut; the reply,
/// small at the destination (it offers no bundles), is buffered so that the status can follow the responder's report.
/// </summary>
internal sealed class ContactEndpoint(IContactNode node, GatewayServerOptions options)
{
    private readonly ContactResponder _responder = new(node);

    public async Task Handle(HttpContext context)
    {
        if (context.Request.Path != GatewayServer.ContactPath)
        {
            await Error(context, StatusCodes.Status404NotFound, "not_found", "the gateway answers POST " + GatewayServer.ContactPath + " only");
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await Error(context, StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "a contact is a POST");
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals(GatewayServer.ContactMediaType, StringComparison.OrdinalIgnoreCase))
        {
            await Error(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "a contact frame is " + GatewayServer.ContactMediaType);
            return;
        }

        if (context.Request.ContentLength > node.MaxInboundFrameBytes)
        {
            await Refuse(context, ContactRefusal.TooLarge, $"a request frame is at most {node.MaxInboundFrameBytes} bytes");
            return;
        }

        // TLS required a certificate; which key it carries is all that counts here.
        PublicKeyId carrier = PublicKeyId.FromCertificate(context.Connection.ClientCertificate!.RawData);
        if (!options.AllowAnyCarrier && options.Carriers?.IsAllowed(carrier) != true)
        {
            await Refuse(context, ContactRefusal.NotAllowed, "carrier " + carrier.ToBase64Url() + " is not on this gateway's allow-list");
            return;
        }

        context.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;
        var reply = new MemoryStream();
        ContactReport report;
        try
        {
            report = _responder.Respond(context.Request.Body, reply, carrier);
        }
        catch (CouchWriteException e)
        {
            // Bundles of this frame already delivered stay delivered and show in the next summary and receipts.
            options.ContactFailed?.Invoke(carrier, e);
            await Error(context, StatusCodes.Status503ServiceUnavailable, "destination_unavailable", e.Message);
            return;
        }
        catch (SqliteException e)
        {
            options.ContactFailed?.Invoke(carrier, e);
            await Error(context, StatusCodes.Status500InternalServerError, "ledger_unavailable", e.Message);
            return;
        }

        options.ContactFinished?.Invoke(carrier, report);
        if (report.Refusal != ContactRefusal.None)
        {
            await Refuse(context, report.Refusal, report.Reason);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GatewayServer.ContactMediaType;
        context.Response.ContentLength = reply.Length;
        await context.Response.Body.WriteAsync(reply.GetBuffer().AsMemory(0, (int)reply.Length));
    }

    private static Task Refuse(HttpContext context, ContactRefusal refusal, string reason) =>
        Error(context, ContactHttpErrors.Status(refusal), ContactHttpErrors.Name(refusal), reason);

    private static async Task Error(HttpContext context, int status, string error, string reason)
    {
        byte[] body = ContactHttpErrors.Body(error, reason);
        // The request body may be partly unread: a client must not send its next request on this connection.
        context.Response.Headers.Connection = "close";
        context.Response.StatusCode = status;
        context.Response.ContentType = ContactHttpErrors.MediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
