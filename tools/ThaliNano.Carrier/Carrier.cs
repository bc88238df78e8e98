using ThaliNano.Carrier.Links;
using ThaliNano.Carrier.Storage;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Carrier;

/// <summary>
/// What a phone app needs to carry bundles: a store folder, contacts it starts (<see cref="Visit"/>: a sensor's hub, the
/// gateway, another phone) or answers (<see cref="Respond"/>), and statistics.
/// </summary>
public sealed class Carrier : IDisposable
{
    private readonly CarrierOptions _options;

    private Carrier(CarrierStore store, PublicKeyId self, CarrierOptions options)
    {
        Store = store;
        _options = options;
        Node = new CarrierNode(store, self, options.Policy, options.MaxInboundFrameBytes, options.Time);
    }

    public CarrierStore Store { get; }

    public CarrierNode Node { get; }

    public PublicKeyId Id => Node.Id;

    /// <summary>Opens (or creates) the carrier's store in <paramref name="folder"/>; <paramref name="self"/> is the app's key id.</summary>
    public static Carrier Open(string folder, PublicKeyId self, CarrierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(self);
        options ??= new CarrierOptions();
        return new Carrier(CarrierStore.Open(folder, options.Limits), self, options);
    }

    /// <summary>
    /// One contact started by this carrier over <paramref name="link"/> with <paramref name="expected"/> (null when not
    /// known: owed acks then wait for the second round trip). Never throws on a broken link: the report says how far it got,
    /// and the next visit resumes.
    /// </summary>
    public ContactReport Visit(IContactLink link, Peer? expected)
    {
        ArgumentNullException.ThrowIfNull(link);
        Store.PurgeExpired(Node.Now);
        return new ContactInitiator(NodeFor(link)).Run(link, expected);
    }

    /// <summary>Answers one request frame from a carrier that connected to this one (see <see cref="ContactResponder"/>).</summary>
    public ContactReport Respond(Stream request, Stream response, PublicKeyId? transportPeer) =>
        new ContactResponder(Node).Respond(request, response, transportPeer);

    public CarrierStatistics Statistics() => Store.Statistics();

    public void Dispose() => Store.Dispose();

    /// <summary>Over BLE the node announces no larger frame than the GATT channel carries.</summary>
    private CarrierNode NodeFor(IContactLink link) =>
        link is GattContactLink gatt && gatt.MaxReplyBytes < Node.MaxInboundFrameBytes
            ? new CarrierNode(Store, Node.Id, _options.Policy, gatt.MaxReplyBytes, _options.Time)
            : Node;
}
