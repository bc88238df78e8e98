using System.Collections;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Store;

namespace ThaliNano.Mesh.Source
{
    /// <summary>
    /// Frees delivered documents: purges every document whose <b>current</b> seq lies in a delivered range (found on the
    /// changes feed, which lists each document once, at its latest seq), then compacts when the policy says so. A
    /// document updated after its bundle was cut has a later seq, outside every delivered range, and survives. Purge
    /// is allowed beyond the quotas, so this works on a full store; compaction needs the store's compaction reserve.
    /// </summary>
    internal static class SpaceReclaimer
    {
        /// <summary>Purges what <paramref name="delivered"/> covers in the database; counts the documents in <paramref name="totals"/>.</summary>
        public static void Purge(Database database, RangeSet delivered, SourceState totals)
        {
            if (delivered.Contiguous > 0)
            {
                PurgeRange(database, 1, delivered.Contiguous, totals);
            }

            for (int i = 0; i < delivered.RangeCount; i++)
            {
                long first;
                long last;
                delivered.GetRange(i, out first, out last);
                PurgeRange(database, first, last, totals);
            }
        }

        /// <summary>Compacts once <paramref name="threshold"/> bytes are reclaimable; counts the bytes freed in <paramref name="totals"/>.</summary>
        public static void CompactIfWorthIt(Database database, long threshold, SourceState totals)
        {
            DatabaseInfo info = database.GetInfo();
            if (info.SizeOnFlash - info.LiveBytesEstimate < threshold)
            {
                return;
            }

            CompactionResult result = database.Compact();
            if (result.SizeBefore > result.SizeAfter)
            {
                totals.BytesFreed += result.SizeBefore - result.SizeAfter;
            }
        }

        /// <summary>The ids are collected first: purging while the feed is open would change what it scans.</summary>
        private static void PurgeRange(Database database, long first, long last, SourceState totals)
        {
            ArrayList ids = new ArrayList();
            ChangesCursor changes = database.GetChanges(first - 1, 0);
            while (changes.MoveNext() && changes.Current.Seq <= last)
            {
                ids.Add(changes.Current.Id);
            }

            for (int i = 0; i < ids.Count; i++)
            {
                if (database.Purge((string)ids[i], null).Length > 0)
                {
                    totals.DocumentsPurged++;
                }
            }
        }
    }
}
