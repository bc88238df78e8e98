using System;
using ThaliNano.Mesh.Wire;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;

namespace ThaliNano.Mesh.Bundles
{
    /// <summary>
    /// Makes sealed bundles from a database's changes feed: every leaf revision (conflicts included, with its
    /// <c>_revisions</c> ancestry) of each document changed after <c>since</c>, whole documents only, until the next
    /// one would pass <see cref="BundleBuildOptions.MaxBundleBytes"/>. The bundle covers the seqs (since, ToSeq]; the
    /// next bundle continues from <see cref="BundleBuildResult.NextSince"/>. RAM per bundle: the payload (up to the
    /// limit), one document's encoding, and the sealer's copies.
    /// </summary>
    public sealed class BundleBuilder
    {
        private readonly Database _database;
        private readonly BundleSealer _sealer;
        private readonly BundleBuildOptions _options;
        private readonly int _maxPayloadBytes;

        public BundleBuilder(Database database, BundleSealer sealer, BundleBuildOptions options)
        {
            if (database == null || sealer == null || options == null)
            {
                throw new ArgumentNullException(database == null ? "database" : sealer == null ? "sealer" : "options");
            }

            _maxPayloadBytes = BundleFormat.MaxPayloadBytes(options.MaxBundleBytes);
            if (_maxPayloadBytes < 1)
            {
                throw new ArgumentException("MaxBundleBytes leaves no room for a payload", "options");
            }

            _database = database;
            _sealer = sealer;
            _options = options;
        }

        /// <summary>
        /// Builds the bundle numbered <paramref name="creationSequence"/> from the changes after <paramref name="since"/>.
        /// <paramref name="creationTime"/> is DTN seconds, or <see cref="DtnTime.Unknown"/> without a clock.
        /// </summary>
        public BundleBuildResult Build(long since, long creationSequence, long creationTime)
        {
            return Build(since, uint.MaxValue, creationSequence, creationTime, 0);
        }

        /// <summary>
        /// As <see cref="Build(long, long, long)"/>, but covering no seq beyond <paramref name="untilSeq"/>: a source
        /// rebuilding a bundle it cut earlier for (since, untilSeq] gets the same range (and the documents of it that
        /// were not updated since), never documents written after it. Unless the size limit cut it short, the bundle
        /// claims the whole range, so <paramref name="untilSeq"/> must not pass the database's update seq.
        /// <paramref name="settledBelow"/> is the source's floor (<see cref="BundlePayload.SettledBelow"/>; 0 claims
        /// nothing), at most <paramref name="creationSequence"/>.
        /// </summary>
        public BundleBuildResult Build(long since, long untilSeq, long creationSequence, long creationTime, long settledBelow)
        {
            if (settledBelow < 0 || settledBelow > creationSequence)
            {
                throw new ArgumentOutOfRangeException("settledBelow", "the settled floor lies between 0 and the bundle's own creation sequence");
            }

            WireWriter payload = new WireWriter(512);
            BundlePayload.WriteHead(payload, _database.Name, settledBelow);
            WireWriter document = new WireWriter(256);
            ChangesCursor changes = _database.GetChanges(since, 0);
            long toSeq = since;
            int documents = 0;
            int revisions = 0;
            bool full = false;
            while (changes.MoveNext())
            {
                ChangeRow row = changes.Current;
                if (row.Seq > untilSeq)
                {
                    break;
                }

                document.Clear();
                int leaves = WriteDocument(document, row.Id);
                if (payload.Length + document.Length > _maxPayloadBytes)
                {
                    if (documents == 0)
                    {
                        BundleBuildResult tooLarge = new BundleBuildResult(BundleBuildStatus.DocumentTooLarge, since);
                        tooLarge.TooLargeDocumentId = row.Id;
                        return tooLarge;
                    }

                    full = true;
                    break;
                }

                payload.Append(document);
                documents++;
                revisions += leaves;
                toSeq = row.Seq;
            }

            if (!full)
            {
                long end = untilSeq < uint.MaxValue ? untilSeq : changes.LastSeq;
                if (end > toSeq)
                {
                    toSeq = end;
                }
            }

            if (documents == 0)
            {
                return new BundleBuildResult(BundleBuildStatus.NothingNew, toSeq);
            }

            BundleHeader header = BundleHeader.Create(_sealer.Key.Source, creationSequence, _sealer.Key.Destination,
                _database.Name, since + 1, toSeq, creationTime, _options.LifetimeSeconds, _options.HopLimit, _options.Copies);
            BundleBuildResult result = new BundleBuildResult(BundleBuildStatus.Built, toSeq);
            result.Bundle = _sealer.Seal(header, payload.Buffer, 0, payload.Length);
            result.Header = header;
            result.DocumentCount = documents;
            result.RevisionCount = revisions;
            result.PayloadBytes = payload.Length;
            return result;
        }

        /// <summary>Every leaf of the document (a purged one has none); returns how many.</summary>
        private int WriteDocument(WireWriter writer, string id)
        {
            OpenRevision[] leaves = _database.GetOpenRevs(id, null, false, ReadOptions.Revisions);
            int written = 0;
            for (int i = 0; i < leaves.Length; i++)
            {
                Document leaf = leaves[i].Document;
                if (leaf != null)
                {
                    BundlePayload.WriteRevision(writer, leaf.Id, leaf.RevisionsStart, leaf.RevisionIds, leaf.Deleted, leaf.Body);
                    written++;
                }
            }

            return written;
        }
    }
}
