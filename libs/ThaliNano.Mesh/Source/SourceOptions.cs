using System;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Store;

namespace ThaliNano.Mesh.Source
{
    /// <summary>How a <see cref="SourceNode"/> cuts, spreads and frees its bundles. The defaults are the device's.</summary>
    public sealed class SourceOptions
    {
        /// <summary>Databases one node bundles: each costs a slot in the state record.</summary>
        public const int MaxDatabases = 4;

        /// <summary>The ceiling of <see cref="MaxPendingBundles"/> (the state record's bound).</summary>
        public const int MaxPendingLimit = 255;

        /// <summary>The databases whose documents travel to the destination.</summary>
        public string[] Databases { get; set; } = new string[] { "readings" };

        /// <summary>Sealed size of a bundle: 2 KB on the device (about four times that is allocated while one is built).</summary>
        public int MaxBundleBytes { get; set; } = 2048;

        /// <summary>Spray-and-wait copies (L) of a new bundle, when <see cref="Policy"/> is not set.</summary>
        public int Copies { get; set; } = SprayAndWaitPolicy.DefaultCopies;

        public long LifetimeSeconds { get; set; } = 7 * 24 * 3600;

        public int HopLimit { get; set; } = 8;

        /// <summary>Bundles cut and not yet receipted; at the limit no new bundle is cut (the data waits in the database).</summary>
        public int MaxPendingBundles { get; set; } = 64;

        public FreePolicy FreePolicy { get; set; } = FreePolicy.PurgeAndCompact;

        /// <summary>With <see cref="FreePolicy.PurgeAndCompact"/>: compact once this many bytes of a database are reclaimable.</summary>
        public long CompactionThresholdBytes { get; set; } = 16 * 1024;

        /// <summary>
        /// Bundle bytes offered per contact: bounds a contact's airtime (a carrier gets the rest at its next contact). The
        /// reply leaves as it is written, so this does not bound RAM: one bundle is held at a time.
        /// </summary>
        public int MaxOfferBytes { get; set; } = 8192;

        /// <summary>The largest contact frame the node reads (receipts, acks, summaries); small on the device.</summary>
        public int MaxInboundFrameBytes { get; set; } = ContactLimits.MinFrameBytes;

        /// <summary>The routing policy; null: binary spray and wait with <see cref="Copies"/>.</summary>
        public IRoutingPolicy Policy { get; set; }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of its range.</summary>
        public void Validate()
        {
            if (Databases == null || Databases.Length < 1 || Databases.Length > MaxDatabases)
            {
                throw new ArgumentException("Databases names 1 to " + MaxDatabases.ToString() + " databases", "Databases");
            }

            for (int i = 0; i < Databases.Length; i++)
            {
                if (!DatabaseNames.IsValid(Databases[i]) || Databases[i][0] == '_')
                {
                    throw new ArgumentException("'" + Databases[i] + "' is not a database name the mesh can bundle", "Databases");
                }

                for (int k = 0; k < i; k++)
                {
                    if (Databases[k] == Databases[i])
                    {
                        throw new ArgumentException("'" + Databases[i] + "' is named twice", "Databases");
                    }
                }
            }

            if (BundleFormat.MaxPayloadBytes(MaxBundleBytes) < 1 || MaxBundleBytes > ContactLimits.MaxRecordBytes)
            {
                throw new ArgumentException("MaxBundleBytes must leave room for a payload and fit a contact record", "MaxBundleBytes");
            }

            Check(Copies, 1, BundleHeader.MaxCopies, "Copies");
            Check(LifetimeSeconds, 1, uint.MaxValue, "LifetimeSeconds");
            Check(HopLimit, 1, BundleHeader.MaxHopLimit, "HopLimit");
            Check(MaxPendingBundles, 1, MaxPendingLimit, "MaxPendingBundles");
            Check(MaxOfferBytes, MaxBundleBytes, int.MaxValue, "MaxOfferBytes");
            Check(CompactionThresholdBytes, 0, long.MaxValue, "CompactionThresholdBytes");
            Check(MaxInboundFrameBytes, ContactLimits.MinFrameBytes, ContactLimits.MaxFrameBytes, "MaxInboundFrameBytes");
            if (Policy != null)
            {
                Check(Policy.InitialCopies, 1, BundleHeader.MaxCopies, "Policy.InitialCopies");
            }
        }

        private static void Check(long value, long min, long max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentException(name + " must lie in [" + min.ToString() + ", " + max.ToString() + "]", name);
            }
        }
    }
}
