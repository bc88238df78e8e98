using System;

namespace ThaliNano.Identity
{
    /// <summary>
    /// A paired principal's proof secret (32 bytes established at pairing) and its replay window: the highest
    /// counter accepted in the current epoch and a bitmap of the 64 below it. About 60 bytes of RAM per principal.
    /// </summary>
    public sealed class ProofKey
    {
        public const int SecretSizeInBytes = 32;
        public const int WindowSize = 64;

        private readonly PublicKeyId _id;
        private readonly byte[] _secret;
        private readonly object _lock = new object();

        private string _windowEpoch;
        private long _highest;
        private ulong _seenBelow; // bit i set: counter _highest - 1 - i was accepted

        public ProofKey(PublicKeyId id, byte[] secret)
        {
            if (id == null)
            {
                throw new ArgumentNullException("id");
            }

            if (secret == null)
            {
                throw new ArgumentNullException("secret");
            }

            if (secret.Length != SecretSizeInBytes)
            {
                throw new ArgumentException("a proof secret is exactly 32 bytes", "secret");
            }

            _id = id;
            _secret = new byte[SecretSizeInBytes];
            Array.Copy(secret, _secret, SecretSizeInBytes);
        }

        public PublicKeyId Id
        {
            get { return _id; }
        }

        internal byte[] Secret
        {
            get { return _secret; }
        }

        /// <summary>Accepts a counter at most once per epoch; returns None, Replayed or TooOld.</summary>
        internal ProofFailure Accept(string epoch, long counter)
        {
            lock (_lock)
            {
                if (_windowEpoch != epoch)
                {
                    _windowEpoch = epoch;
                    _highest = 0;
                    _seenBelow = 0;
                }

                if (counter > _highest)
                {
                    long shift = counter - _highest;
                    ulong kept = shift >= WindowSize ? 0UL : _seenBelow << (int)shift;
                    ulong oldHighest = _highest != 0 && shift <= WindowSize ? 1UL << (int)(shift - 1) : 0UL;
                    _seenBelow = kept | oldHighest;
                    _highest = counter;
                    return ProofFailure.None;
                }

                if (counter == _highest)
                {
                    return ProofFailure.Replayed;
                }

                long below = _highest - counter;
                if (below > WindowSize)
                {
                    return ProofFailure.TooOld;
                }

                ulong bit = 1UL << (int)(below - 1);
                if ((_seenBelow & bit) != 0)
                {
                    return ProofFailure.Replayed;
                }

                _seenBelow |= bit;
                return ProofFailure.None;
            }
        }
    }
}
