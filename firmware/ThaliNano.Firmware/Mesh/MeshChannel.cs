using System;
using System.IO;
using ThaliNano.Ble;
using ThaliNano.Http;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// The mesh contact over BLE: a GATT message channel (<see cref="MeshGatt"/>) beside the field pairing service, whose
    /// handler answers each request frame with the same responder as <c>POST /_mesh/contact</c>. The link authenticates
    /// no key, so the hello's id is taken as claimed (transport peer null): a false claim can only cost spray copies,
    /// never data (custody never frees anything; only an authentic receipt does). A refused request is answered with a
    /// refusal frame. RAM per request: the request (up to the node's frame limit) and one fragment of the reply, which
    /// leaves as it is written (the bundle being offered aside). Where the hub serves one request at a time, a contact
    /// takes a request turn too, so that it never runs beside a request.
    /// </summary>
    public sealed class MeshChannel : IGattMessageHandler
    {
        private readonly MeshService _mesh;

        /// <summary>Adds the service to <paramref name="gatt"/> (before advertising starts). The mesh must be available.</summary>
        /// <param name="turns">The HTTP server's request turns (<see cref="HttpServer.Turns"/>), or null.</param>
        public MeshChannel(IGattServer gatt, MeshService mesh, RequestTurns turns)
        {
            if (gatt == null || mesh == null)
            {
                throw new ArgumentNullException(gatt == null ? "gatt" : "mesh");
            }

            if (mesh.Node == null)
            {
                throw new ArgumentException("the mesh is unavailable: " + mesh.Error, "mesh");
            }

            _mesh = mesh;
            Turns = turns;
            Channel = new GattMessageChannel(gatt, new Guid(MeshGatt.ServiceUuid), new Guid(MeshGatt.RequestUuid),
                new Guid(MeshGatt.ResponseUuid), mesh.Node.MaxInboundFrameBytes, this);
        }

        public GattMessageChannel Channel { get; }

        /// <summary>The request turns a contact takes, or null.</summary>
        public RequestTurns Turns { get; }

        public void Handle(BleConnection connection, byte[] request, Stream reply)
        {
            if (Turns != null)
            {
                Turns.Take();
            }

            try
            {
                Respond(request, reply);
            }
            finally
            {
                if (Turns != null)
                {
                    Turns.Give();
                }
            }
        }

        private void Respond(byte[] request, Stream reply)
        {
            ContactReport report = _mesh.Respond(new MemoryStream(request), reply, null);
            if (report.Refusal != ContactRefusal.None && reply.Length == 0)
            {
                byte[] refusal = ContactResponder.RefusalFrame(report.Refusal, report.Reason);
                reply.Write(refusal, 0, refusal.Length);
            }
        }
    }
}
