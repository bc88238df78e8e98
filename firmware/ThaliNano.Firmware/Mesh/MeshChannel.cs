using System;
using System.IO;
using ThaliNano.Ble;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// The mesh contact over BLE: a GATT message channel (<see cref="MeshGatt"/>) beside the field pairing service, whose
    /// handler answers each request frame with the same responder as <c>POST /_mesh/contact</c>. The link authenticates
    /// no key, so the hello's id is taken as claimed (transport peer null): a false claim can only cost spray copies,
    /// never data (custody never frees anything; only an authentic receipt does). A refused request is answered with a
    /// refusal frame. RAM per request: the request (up to the node's frame limit) and the reply (up to
    /// <see cref="Mesh.Source.SourceOptions.MaxOfferBytes"/> of bundles plus framing) in memory streams.
    /// </summary>
    public sealed class MeshChannel : IGattMessageHandler
    {
        private readonly MeshService _mesh;

        /// <summary>Adds the service to <paramref name="gatt"/> (before advertising starts). The mesh must be available.</summary>
        public MeshChannel(IGattServer gatt, MeshService mesh)
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
            Channel = new GattMessageChannel(gatt, new Guid(MeshGatt.ServiceUuid), new Guid(MeshGatt.RequestUuid),
                new Guid(MeshGatt.ResponseUuid), mesh.Node.MaxInboundFrameBytes, this);
        }

        public GattMessageChannel Channel { get; }

        public byte[] Handle(BleConnection connection, byte[] request)
        {
            MemoryStream reply = new MemoryStream();
            ContactReport report = _mesh.Respond(new MemoryStream(request), reply, null);
            if (report.Refusal != ContactRefusal.None && reply.Length == 0)
            {
                return ContactResponder.RefusalFrame(report.Refusal, report.Reason);
            }

            return reply.ToArray();
        }
    }
}
