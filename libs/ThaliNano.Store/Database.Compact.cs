using System;
using ThaliNano.Store.Documents;
using ThaliNano.Store.Format;
using ThaliNano.Store.Index;
using ThaliNano.Store.Log;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store
{
    /// <summary>
    /// Compaction: copy the live records into a new generation, then switch the meta to it. Crash-safe at every
    /// step: until the meta slot naming the new generation is synced the old generation is current (and the new
    /// files are leftovers deleted at open); after it, the old files are the leftovers.
    /// </summary>
    public sealed partial class Database
    {
        private const int CopyBufferBytes = 2048;

        /// <summary>
        /// Copies the latest record of every document and every live local document, verbatim (seqs stay), leaving out
        /// superseded records, purged documents and tombstones older than the retention. On a read-only (corrupted)
        /// database it salvages instead: every sound record is copied, damaged stretches are skipped and counted in
        /// <see cref="CompactionResult.BytesLost"/>, and the database becomes writable again.
        /// </summary>
        public CompactionResult Compact()
        {
            lock (_sync)
            {
                EnsureOpen();
                CompactionResult result = new CompactionResult();
                result.SizeBefore = SizeOnFlash;
                result.Salvaged = _corruption != null;
                uint next = _generation + 1;
                string logPath = LogPath(Directory, next);
                DocIndex fresh = new DocIndex(_storage, IndexPath(Directory, next), next, _storeOptions.IndexCachePages);
                fresh.DeleteAll();
                try
                {
                    CopyLive(logPath, next, fresh, result);
                }
                catch (IndexDamagedException)
                {
                    _storage.DeleteFile(logPath);
                    fresh.DeleteAll();
                    RebuildIndex();
                    throw new StoreException("index was damaged and has been rebuilt; compact again");
                }
                catch (Exception e)
                {
                    if (e is StoreCorruptedException)
                    {
                        MarkCorrupt((StoreCorruptedException)e);
                    }

                    _storage.DeleteFile(logPath);
                    fresh.DeleteAll();
                    throw;
                }

                SwitchGeneration(next);
                if (result.Salvaged)
                {
                    _corruption = null;
                    RebuildIndex();
                }
                else
                {
                    _index = fresh;
                    _validEnd = _log.Length;
                }

                result.BytesWritten += _index.BytesWritten;
                result.SizeAfter = SizeOnFlash;
                return result;
            }
        }

        private void CopyLive(string logPath, uint next, DocIndex fresh, CompactionResult result)
        {
            bool salvage = result.Salvaged;
            uint now = _storeOptions.Clock.UtcSeconds;
            uint retention = _options.TombstoneRetentionSeconds;
            long limitRoom = _hub.FreeSpace();
            ByteBuffer buffer = new ByteBuffer();
            RecordHeader rh = new RecordHeader();
            using (LogFile target = LogFile.Create(_storage, logPath, next))
            {
                result.BytesWritten = target.Length;

                long pos = FileHeader.Size;
                long end = salvage ? _log.Length : _validEnd;
                while (pos < end)
                {
                    int length;
                    long after;
                    FrameStatus status = _log.Read(pos, out length, out after);
                    if (status != FrameStatus.Ok || !rh.TryParse(_log.Buffer, 0, length))
                    {
                        if (!salvage)
                        {
                            throw new StoreCorruptedException(_log.Path, pos, "record unreadable during compaction");
                        }

                        long found = _log.FindNextFrame(pos + 1);
                        long resume = found < 0 ? _log.Length : found;
                        result.BytesLost += resume - pos;
                        pos = resume;
                        continue;
                    }

                    if (salvage || KeepRecord(rh, pos, now, retention, result))
                    {
                        int start = buffer.Reserve(Frame.Overhead + length);
                        Array.Copy(_log.Buffer, 0, buffer.Data, start + Frame.HeaderSize, length);
                        Frame.Seal(buffer.Data, start, length);

                        result.RecordsCopied++;
                        result.LiveBytes += Frame.Overhead + length;
                        CheckCompactionRoom(result.BytesWritten + buffer.Length, fresh, result.RecordsCopied, limitRoom);

                        if (buffer.Length >= CopyBufferBytes)
                        {
                            target.Append(buffer.Data, 0, buffer.Length);
                            result.BytesWritten += buffer.Length;
                            buffer.Clear();
                        }
                    }

                    pos = after;
                }

                target.Append(buffer.Data, 0, buffer.Length);
                result.BytesWritten += buffer.Length;
                target.Sync();
                if (!salvage)
                {
                    IndexCopy(target, fresh, result.RecordsCopied);
                }
            }
        }

        /// <summary>The new generation's log so far and the index it will need must fit the room there was at the start.</summary>
        private void CheckCompactionRoom(long logBytes, DocIndex fresh, long records, long room)
        {
            long index = fresh.Hash.PagesFor(records) * PageCache.FileSize(0) + records * PageCache.EntrySize;
            if (logBytes + index > room)
            {
                throw new InsufficientStorageException("not enough free space to compact " + Name + ": its live data and index need more than the "
                    + room.ToString() + " bytes free");
            }
        }

        /// <summary>True when the record <paramref name="rh"/> at pos is a document's or live local document's latest and not an expired tombstone.</summary>
        private bool KeepRecord(RecordHeader rh, long pos, uint now, uint retention, CompactionResult result)
        {
            if (rh.Kind == RecordKind.Purge)
            {
                return false;
            }

            byte[] id = rh.CopyId(_log.Buffer);
            int index;
            int kind;
            long latest;
            if (!FindEntry(id, HashIndex.Hash(id), out index, out kind, out latest) || latest != pos)
            {
                return false;
            }

            if (rh.Kind == RecordKind.Document && rh.Deleted && retention != DatabaseOptions.KeepForever
                && now >= rh.Time && now - rh.Time > retention)
            {
                result.TombstonesDropped++;
                return false;
            }

            return true;
        }

        /// <summary>
        /// Indexes the new generation: ids are unique there, so the page count is known up front and no lookup is
        /// needed. The pages are filled a cache-full at a time, one read pass over the new log per cache-full, so
        /// every page file is written exactly once (flash wear and write amplification matter more than reads).
        /// </summary>
        private void IndexCopy(LogFile target, DocIndex fresh, long entries)
        {
            int pages = fresh.Hash.PagesFor(entries);
            while (!TryIndexCopy(target, fresh, pages))
            {
                pages *= 2;
            }

            fresh.Checkpoint((uint)target.Length);
        }

        private bool TryIndexCopy(LogFile target, DocIndex fresh, int pages)
        {
            fresh.Reset();
            fresh.LastSeq = _index.LastSeq;
            fresh.Hash.PageCount = pages;
            RecordHeader rh = new RecordHeader();
            // Hash pages filled per pass over the log: all the cache holds but one, which the first pass's seq pages take.
            int window = fresh.Pages.Capacity > 2 ? fresh.Pages.Capacity - 1 : 1;
            for (int first = 0; first < pages; first += window)
            {
                long pos = FileHeader.Size;
                while (pos < target.Length)
                {
                    int length;
                    long next;
                    if (target.Read(pos, out length, out next) != FrameStatus.Ok || !rh.TryParse(target.Buffer, 0, length))
                    {
                        throw new StoreCorruptedException(target.Path, pos, "record copied by compaction does not read back");
                    }

                    byte[] id = rh.CopyId(target.Buffer);
                    uint hash = HashIndex.Hash(id);
                    int page = fresh.Hash.PageOf(hash);
                    if (page >= first && page < first + window)
                    {
                        if (fresh.Hash.PageFull(hash))
                        {
                            return false;
                        }

                        int kind = rh.Kind == RecordKind.Local ? HashIndex.KindLocal : (rh.Deleted ? HashIndex.KindDeleted : HashIndex.KindLive);
                        fresh.Hash.Add(hash, (uint)pos, kind);
                    }

                    if (first == 0 && rh.Seq != 0)
                    {
                        fresh.Seq.Note(rh.Seq, (uint)pos);
                    }

                    pos = next;
                }

                fresh.Pages.FlushAll();
            }

            return true;
        }
    }
}
