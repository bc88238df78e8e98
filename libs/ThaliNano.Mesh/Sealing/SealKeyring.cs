using System;
using System.Collections;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>An in-memory <see cref="ISealKeyring"/> (a Hashtable by source key id).</summary>
    public sealed class SealKeyring : ISealKeyring
    {
        private readonly Hashtable _keys = new Hashtable();

        /// <summary>Adds or replaces the key of <see cref="SealKey.Source"/>.</summary>
        public void Add(SealKey key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            _keys[key.Source.ToBase64Url()] = key;
        }

        public SealKey Find(PublicKeyId source)
        {
            return source == null ? null : (SealKey)_keys[source.ToBase64Url()];
        }
    }
}
