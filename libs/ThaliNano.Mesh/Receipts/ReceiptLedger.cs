using System;
using System.Collections;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Text;

namespace ThaliNano.Mesh.Receipts
{
    /// <summary>
    /// The source's record of what its destination has receipted. The source records each bundle it makes
    /// (<see cref="RecordBundle"/>); an authentic receipt (<see cref="Apply"/>) moves the receipted bundles' database
    /// seq ranges into the delivered set of their database, which answers <see cref="MayFree"/>. Only verified
    /// receipts change anything. RAM: one small record per bundle not yet receipted, one range set per database.
    /// Not persisted here: the hub stores it (Receipted and the delivered sets encode compactly).
    /// </summary>
    public sealed class ReceiptLedger
    {
        private readonly SealKey _key;
        private readonly RangeSet _receipted = new RangeSet(RangeSet.MaxRangesLimit);
        private readonly Hashtable _pending = new Hashtable();
        private readonly Hashtable _delivered = new Hashtable();

        public ReceiptLedger(SealKey key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            _key = key;
        }

        /// <summary>The creation sequences the destination has receipted.</summary>
        public RangeSet Receipted
        {
            get { return _receipted.Clone(); }
        }

        /// <summary>Bundles recorded and not yet receipted.</summary>
        public int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>Remembers which seqs of which database a bundle of this source carries.</summary>
        public void RecordBundle(BundleHeader header)
        {
            if (header == null)
            {
                throw new ArgumentNullException("header");
            }

            if (header.Source != _key.Source)
            {
                throw new ArgumentException("the bundle is not this source's", "header");
            }

            if (_receipted.Contains(header.CreationSequence))
            {
                Deliver(header);
                return;
            }

            _pending[header.CreationSequence] = header;
        }

        public bool IsReceipted(long creationSequence)
        {
            return _receipted.Contains(creationSequence);
        }

        /// <summary>Verifies a receipt with the shared key and, when authentic, records it. Nothing changes otherwise.</summary>
        public ReceiptRejection Apply(byte[] receiptWire)
        {
            Receipt receipt;
            ReceiptRejection rejection = Receipt.Verify(receiptWire, _key, out receipt);
            if (rejection != ReceiptRejection.None)
            {
                return rejection;
            }

            _receipted.UnionWith(receipt.Bundles);
            ArrayList done = new ArrayList();
            foreach (DictionaryEntry entry in _pending)
            {
                if (_receipted.Contains((long)entry.Key))
                {
                    done.Add(entry.Key);
                }
            }

            for (int i = 0; i < done.Count; i++)
            {
                Deliver((BundleHeader)_pending[done[i]]);
                _pending.Remove(done[i]);
            }

            return ReceiptRejection.None;
        }

        /// <summary>True when every seq in [fromSeq, toSeq] of the database is in a receipted bundle: its space may be freed.</summary>
        public bool MayFree(string databaseName, long fromSeq, long toSeq)
        {
            RangeSet delivered = (RangeSet)_delivered[Key(BundleHeader.DatabaseHash(databaseName))];
            return delivered != null && delivered.ContainsRange(fromSeq, toSeq);
        }

        private void Deliver(BundleHeader header)
        {
            string key = Key(header.GetDatabaseHash());
            RangeSet delivered = (RangeSet)_delivered[key];
            if (delivered == null)
            {
                delivered = new RangeSet(RangeSet.MaxRangesLimit);
                _delivered[key] = delivered;
            }

            delivered.AddRange(header.FromSeq, header.ToSeq);
        }

        private static string Key(byte[] databaseHash)
        {
            return Hex.Encode(databaseHash);
        }
    }
}
