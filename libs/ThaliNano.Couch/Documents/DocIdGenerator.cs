using System;
using System.Text;
using ThaliNano.Hashing;
using ThaliNano.Text;

namespace ThaliNano.Couch.Documents
{
    /// <summary>
    /// Ids for documents POSTed without one: 32 lowercase hex digits, the first 16 bytes of
    /// SHA-256(hub uuid | database | its update_seq | a counter | clock ticks | System.Random). nanoFramework has no
    /// secure random source, so these ids are unique, not secret: the hub uuid separates hubs, and within a hub a
    /// database's update_seq grows with every write, so no (update_seq, counter) pair of a stored id recurs after a
    /// restart. Never use them as capabilities.
    /// </summary>
    internal sealed class DocIdGenerator
    {
        private readonly object _sync = new object();
        private readonly byte[] _hub;
        private readonly Random _random = new Random();
        private long _counter;

        public DocIdGenerator(string hubUuid)
        {
            _hub = Encoding.UTF8.GetBytes(hubUuid);
        }

        public string Next(string db, long updateSeq)
        {
            long counter;
            int noise;
            lock (_sync)
            {
                counter = ++_counter;
                noise = _random.Next();
            }

            byte[] text = Encoding.UTF8.GetBytes("|" + db + "|" + updateSeq.ToString() + "|" + counter.ToString() + "|"
                + DateTime.UtcNow.Ticks.ToString() + "|" + noise.ToString());
            Sha256 sha = new Sha256();
            sha.Append(_hub, 0, _hub.Length);
            sha.Append(text, 0, text.Length);
            return Hex.Encode(sha.GetHashAndReset(), 0, 16);
        }
    }
}
