using System;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>
    /// The routing rules every policy shares, around the replaceable <see cref="IRoutingPolicy"/>: a bundle goes whole
    /// to its destination; sensors are source-only (they are never offered bundles and accept none); expired bundles
    /// and bundles past their hop limit move no further.
    /// </summary>
    public sealed class Router
    {
        private readonly IRoutingPolicy _policy;

        public Router(PublicKeyId self, NodeRole role, IRoutingPolicy policy)
        {
            if (self == null || policy == null)
            {
                throw new ArgumentNullException(self == null ? "self" : "policy");
            }

            Self = self;
            Role = role;
            _policy = policy;
        }

        public PublicKeyId Self { get; }

        public NodeRole Role { get; }

        public IRoutingPolicy Policy
        {
            get { return _policy; }
        }

        /// <summary>What to offer <paramref name="peer"/>, which does not hold the bundle yet, of the copies held.</summary>
        public Handover Offer(BundleHeader bundle, int copiesHeld, Peer peer, long now)
        {
            if (bundle == null || peer == null)
            {
                throw new ArgumentNullException(bundle == null ? "bundle" : "peer");
            }

            if (copiesHeld < 1 || peer.Role == NodeRole.Sensor || bundle.CheckLiveness(now) != BundleRejection.None)
            {
                return new Handover(0, copiesHeld < 0 ? 0 : copiesHeld);
            }

            if (bundle.HopCount >= bundle.HopLimit)
            {
                return new Handover(0, copiesHeld);
            }

            if (bundle.IsFor(peer.Id))
            {
                return new Handover(copiesHeld, 0);
            }

            if (peer.Role == NodeRole.Destination)
            {
                return new Handover(0, copiesHeld);
            }

            return _policy.Split(bundle, copiesHeld, peer);
        }

        /// <summary>
        /// A copy of a sealed bundle as it leaves this holder: hop count + 1, the copies given, the age plus the
        /// seconds it was held here. The tag stays valid (these fields are outside it).
        /// </summary>
        public static byte[] PrepareCopy(byte[] wire, BundleHeader header, int copiesGiven, long heldSeconds)
        {
            if (wire == null)
            {
                throw new ArgumentNullException("wire");
            }

            return Stamp((byte[])wire.Clone(), header, copiesGiven, heldSeconds);
        }

        /// <summary>
        /// <see cref="PrepareCopy"/> in place, for a bundle its holder keeps no copy of (the source's, sealed for this
        /// offer): a sensor's contact holds one bundle's bytes, not two. Returns <paramref name="wire"/>.
        /// </summary>
        public static byte[] Stamp(byte[] wire, BundleHeader header, int copiesGiven, long heldSeconds)
        {
            if (wire == null || header == null)
            {
                throw new ArgumentNullException(wire == null ? "wire" : "header");
            }

            long age = header.AgeSeconds + heldSeconds;
            BundleHeader.WriteMutable(wire, header.HopCount + 1, copiesGiven, age > uint.MaxValue ? uint.MaxValue : age);
            return wire;
        }

        /// <summary>Whether this node takes custody of a bundle <paramref name="from"/> offers (its header as received).</summary>
        public bool Accept(BundleHeader bundle, Peer from, long now)
        {
            if (bundle == null || from == null)
            {
                throw new ArgumentNullException(bundle == null ? "bundle" : "from");
            }

            if (Role == NodeRole.Sensor || bundle.Copies < 1 || bundle.CheckLiveness(now) != BundleRejection.None)
            {
                return false;
            }

            if (Role == NodeRole.Destination)
            {
                return bundle.IsFor(Self);
            }

            return !bundle.IsFor(Self) && bundle.Source != Self && _policy.AcceptCustody(bundle, from);
        }
    }
}
