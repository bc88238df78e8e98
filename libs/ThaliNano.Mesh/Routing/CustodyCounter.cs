using System;
using System.Collections;
using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>
    /// Custody counting on the source: the copies of each of its bundles still to hand out. A carrier's custody
    /// acknowledgement takes the copies it was given (<see cref="Handed"/>); a receipt ends the count
    /// (<see cref="Receipted"/>). RAM: one boxed entry per bundle in flight.
    /// </summary>
    public sealed class CustodyCounter
    {
        private readonly Hashtable _copies = new Hashtable();

        /// <summary>Bundles still counted.</summary>
        public int Count
        {
            get { return _copies.Count; }
        }

        public void Register(long creationSequence, int copies)
        {
            if (copies < 0)
            {
                throw new ArgumentOutOfRangeException("copies");
            }

            _copies[creationSequence] = copies;
        }

        /// <summary>Copies left to hand out; -1 for a bundle not counted (never registered, or receipted).</summary>
        public int CopiesLeft(long creationSequence)
        {
            object copies = _copies[creationSequence];
            return copies == null ? -1 : (int)copies;
        }

        /// <summary>A carrier acknowledged custody of <paramref name="given"/> copies; returns the copies left.</summary>
        public int Handed(long creationSequence, int given)
        {
            int left = CopiesLeft(creationSequence);
            if (left < 0)
            {
                return -1;
            }

            if (given < 0 || given > left)
            {
                throw new ArgumentOutOfRangeException("given", "more copies acknowledged than were left");
            }

            _copies[creationSequence] = left - given;
            return left - given;
        }

        /// <summary>Stops counting every bundle the receipt covers.</summary>
        public void Receipted(RangeSet bundles)
        {
            if (bundles == null)
            {
                throw new ArgumentNullException("bundles");
            }

            ArrayList done = new ArrayList();
            foreach (DictionaryEntry entry in _copies)
            {
                if (bundles.Contains((long)entry.Key))
                {
                    done.Add(entry.Key);
                }
            }

            for (int i = 0; i < done.Count; i++)
            {
                _copies.Remove(done[i]);
            }
        }
    }
}
