using ThaliNano.Mesh.Contact;

namespace ThaliNano.Mesh.Source
{
    /// <summary>A sink that refuses bundles once <c>limit</c> bundle bytes went to the inner sink in this contact.</summary>
    internal sealed class OfferBudget : IBundleSink
    {
        private readonly IBundleSink _inner;
        private readonly int _limit;
        private int _used;

        public OfferBudget(IBundleSink inner, int limit)
        {
            _inner = inner;
            _limit = limit;
        }

        public bool Add(byte[] bundle)
        {
            if (bundle.Length > _limit - _used || !_inner.Add(bundle))
            {
                return false;
            }

            _used += bundle.Length;
            return true;
        }
    }
}
