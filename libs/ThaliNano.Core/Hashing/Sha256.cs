using System;

namespace ThaliNano.Hashing
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) in managed code: nanoFramework offers HMAC-SHA256 natively but no plain hash.
    /// Incremental: Append any number of times, then GetHashAndReset. One instance holds about 200 bytes: the message
    /// schedule is kept as a rolling window of its last 16 words.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashSizeInBytes = 32;
        private const int BlockSizeInBytes = 64;

        private static readonly uint[] s_roundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[16];
        private readonly byte[] _block = new byte[BlockSizeInBytes];
        private int _blockLength;
        private long _totalLength;

        public Sha256()
        {
            Reset();
        }

        public static byte[] Hash(byte[] data)
        {
            return Hash(data, 0, data == null ? 0 : data.Length);
        }

        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha256 sha = new Sha256();
            sha.Append(data, offset, count);
            return sha.GetHashAndReset();
        }

        public void Append(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            _totalLength += count;
            int end = offset + count;
            while (offset < end)
            {
                if (_blockLength == 0 && end - offset >= BlockSizeInBytes)
                {
                    Compress(data, offset);
                    offset += BlockSizeInBytes;
                    continue;
                }

                int take = BlockSizeInBytes - _blockLength;
                if (take > end - offset)
                {
                    take = end - offset;
                }

                Array.Copy(data, offset, _block, _blockLength, take);
                _blockLength += take;
                offset += take;
                if (_blockLength == BlockSizeInBytes)
                {
                    Compress(_block, 0);
                    _blockLength = 0;
                }
            }
        }

        public byte[] GetHashAndReset()
        {
            byte[] hash = new byte[HashSizeInBytes];
            GetHashAndReset(hash, 0);
            return hash;
        }

        /// <summary>Writes the 32-byte hash into destination at offset, then starts a new message.</summary>
        public void GetHashAndReset(byte[] destination, int offset)
        {
            ArgumentChecks.Range(destination, offset, HashSizeInBytes);
            long bitLength = _totalLength * 8;
            _block[_blockLength++] = 0x80;
            if (_blockLength > BlockSizeInBytes - 8)
            {
                Array.Clear(_block, _blockLength, BlockSizeInBytes - _blockLength);
                Compress(_block, 0);
                _blockLength = 0;
            }

            Array.Clear(_block, _blockLength, BlockSizeInBytes - 8 - _blockLength);
            for (int i = 0; i < 8; i++)
            {
                _block[BlockSizeInBytes - 1 - i] = (byte)(bitLength >> (8 * i));
            }

            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                WriteBigEndian(_state[i], destination, offset + 4 * i);
            }

            Reset();
        }

        private void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockLength = 0;
            _totalLength = 0;
        }

        private void Compress(byte[] data, int offset)
        {
            uint[] w = _schedule;
            for (int t = 0; t < 16; t++)
            {
                int i = offset + 4 * t;
                w[t] = ((uint)data[i] << 24) | ((uint)data[i + 1] << 16) | ((uint)data[i + 2] << 8) | data[i + 3];
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            uint[] k = s_roundConstants;
            for (int t = 0; t < 64; t++)
            {
                // w[t & 15] holds W[t]: from round 16 on it is computed in place over W[t - 16], no longer needed.
                if (t >= 16)
                {
                    uint w15 = w[(t - 15) & 15];
                    uint w2 = w[(t - 2) & 15];
                    uint sigma0 = RotateRight(w15, 7) ^ RotateRight(w15, 18) ^ (w15 >> 3);
                    uint sigma1 = RotateRight(w2, 17) ^ RotateRight(w2, 19) ^ (w2 >> 10);
                    w[t & 15] = unchecked(w[t & 15] + sigma0 + w[(t - 7) & 15] + sigma1);
                }

                uint sum1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
                uint choose = (e & f) ^ (~e & g);
                uint temp1 = unchecked(h + sum1 + choose + k[t] + w[t & 15]);
                uint sum0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint temp2 = unchecked(sum0 + majority);
                h = g;
                g = f;
                f = e;
                e = unchecked(d + temp1);
                d = c;
                c = b;
                b = a;
                a = unchecked(temp1 + temp2);
            }

            _state[0] = unchecked(_state[0] + a);
            _state[1] = unchecked(_state[1] + b);
            _state[2] = unchecked(_state[2] + c);
            _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e);
            _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g);
            _state[7] = unchecked(_state[7] + h);
        }

        private static uint RotateRight(uint value, int bits)
        {
            return (value >> bits) | (value << (32 - bits));
        }

        private static void WriteBigEndian(uint value, byte[] destination, int offset)
        {
            destination[offset] = (byte)(value >> 24);
            destination[offset + 1] = (byte)(value >> 16);
            destination[offset + 2] = (byte)(value >> 8);
            destination[offset + 3] = (byte)value;
        }
    }
}
