using System;
using System.Collections;
using ThaliNano.Identity;
using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>Per source, the creation sequences a node holds or knows receipted (a peer does not offer those).</summary>
    public sealed class ContactSummary
    {
        private readonly Hashtable _bySource = new Hashtable();
        private readonly ArrayList _sources = new ArrayList();

        public int Count
        {
            get { return _sources.Count; }
        }

        /// <summary>The i-th source, in the order added.</summary>
        public PublicKeyId GetSource(int index)
        {
            return (PublicKeyId)_sources[index];
        }

        /// <summary>Adds <paramref name="bundles"/> to what is known of <paramref name="source"/>.</summary>
        public void Add(PublicKeyId source, RangeSet bundles)
        {
            if (source == null || bundles == null)
            {
                throw new ArgumentNullException(source == null ? "source" : "bundles");
            }

            RangeSet known = (RangeSet)_bySource[source];
            if (known == null)
            {
                if (_sources.Count >= ContactLimits.MaxSummarySources)
                {
                    throw new InvalidOperationException("a summary names at most " + ContactLimits.MaxSummarySources + " sources");
                }

                known = new RangeSet(RangeSet.MaxRangesLimit);
                _bySource[source] = known;
                _sources.Add(source);
            }

            known.UnionWith(bundles);
        }

        /// <summary>What is known of <paramref name="source"/>; null when nothing.</summary>
        public RangeSet Of(PublicKeyId source)
        {
            return source == null ? null : (RangeSet)_bySource[source];
        }

        public bool Contains(PublicKeyId source, long creationSequence)
        {
            RangeSet known = Of(source);
            return known != null && known.Contains(creationSequence);
        }
    }
}
