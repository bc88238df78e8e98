using System;
using ThaliNano.Identity;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// The hub as a mesh sensor (<see cref="HubConfiguration.Mesh"/>; null: no mesh): the destination its bundles are
    /// sealed for, the secret it shares with that destination, and how bundles are cut, spread and freed.
    /// </summary>
    public sealed class MeshOptions
    {
        /// <summary>Besides the owner and the admins, members of <c>_thali/group:carriers</c> may contact the hub.</summary>
        public const string CarrierGroup = "carriers";

        /// <summary>The key id of the gateway the bundles are addressed to. Required.</summary>
        public PublicKeyId DestinationKeyId { get; set; }

        /// <summary>The secret shared with the destination (at least 16 bytes): the seal and receipt keys derive from it. Required.</summary>
        public byte[] SharedSecret { get; set; }

        /// <summary>The board's secure random source (bundle IVs). Required.</summary>
        public IRandomSource Random { get; set; }

        /// <summary>Bundling, routing and freeing; the device's defaults.</summary>
        public SourceOptions Source { get; set; } = new SourceOptions();

        /// <summary>The clock for creation times and lifetimes; null: the system clock (unknown until it is set).</summary>
        public IMeshClock Clock { get; set; }

        /// <summary>Throws <see cref="ArgumentException"/> when something required is missing or out of range.</summary>
        public void Validate()
        {
            if (DestinationKeyId == null)
            {
                throw new ArgumentException("the mesh needs its destination's key id", "DestinationKeyId");
            }

            if (SharedSecret == null || SharedSecret.Length < SealKey.MinSecretBytes)
            {
                throw new ArgumentException("the mesh needs a secret of at least 16 bytes shared with its destination", "SharedSecret");
            }

            if (Random == null || Source == null)
            {
                throw new ArgumentException("the mesh needs a random source and source options", Random == null ? "Random" : "Source");
            }

            Source.Validate();
        }
    }
}
