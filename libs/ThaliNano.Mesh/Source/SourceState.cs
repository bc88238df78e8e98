using System;
using System.Collections;
using System.Text;
using ThaliNano.Hashing;
using ThaliNano.Identity;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Wire;

namespace ThaliNano.Mesh.Source
{
    /// <summary>
    /// Everything a <see cref="SourceNode"/> must not lose across a reboot, and its record (README, "State"): the
    /// creation counter, per database the last bundled seq and the delivered seqs, the pending bundles with their
    /// copies left, the receipted creation sequences, the status counters. At most <see cref="MaxBytes"/>.
    /// </summary>
    internal sealed class SourceState
    {
        public const int Version = 1;
        public const int FingerprintBytes = 8;
        public const int ChecksumBytes = 4;
        public const int MaxReceiptedRanges = 32;
        public const int MarkerBytes = 8;

        /// <summary>Bound of the record: 4 databases with 238-byte names, 255 pending bundles, full range sets (about 8 KB).</summary>
        public const int MaxBytes = 8192;

        private const int FlagFreePending = 1;
        private const long MaxCounter = uint.MaxValue;

        public SourceState()
        {
            Slots = new ArrayList();
            Pending = new ArrayList();
            Receipted = new RangeSet(MaxReceiptedRanges);
            Custody = new CustodyCounter();
        }

        /// <summary>The last creation sequence used (0: none yet); never goes back.</summary>
        public long LastCreationSequence { get; set; }

        /// <summary>Receipted documents may still wait to be freed (set before freeing, cleared after).</summary>
        public bool FreePending { get; set; }

        public long Contacts { get; set; }

        public long LastContact { get; set; }

        public long DocumentsPurged { get; set; }

        public long BytesFreed { get; set; }

        /// <summary>DatabaseSlot per bundled database, in the order first seen.</summary>
        public ArrayList Slots { get; }

        /// <summary>PendingBundle per bundle not yet receipted, ascending creation sequence.</summary>
        public ArrayList Pending { get; }

        /// <summary>Creation sequences of this node's bundles the destination receipted (for the status; capped).</summary>
        public RangeSet Receipted { get; private set; }

        /// <summary>Copies left per pending bundle.</summary>
        public CustodyCounter Custody { get; }

        /// <summary>The first bytes of SHA-256(source id ‖ destination id): a record of another pair is not this node's.</summary>
        public static byte[] Fingerprint(PublicKeyId source, PublicKeyId destination)
        {
            Sha256 hash = new Sha256();
            byte[] s = source.ToByteArray();
            byte[] d = destination.ToByteArray();
            hash.Append(s, 0, s.Length);
            hash.Append(d, 0, d.Length);
            byte[] fingerprint = new byte[FingerprintBytes];
            Array.Copy(hash.GetHashAndReset(), fingerprint, FingerprintBytes);
            return fingerprint;
        }

        public int SlotOf(string database)
        {
            for (int i = 0; i < Slots.Count; i++)
            {
                if (((DatabaseSlot)Slots[i]).Name == database)
                {
                    return i;
                }
            }

            return -1;
        }

        public DatabaseSlot Slot(int index)
        {
            return (DatabaseSlot)Slots[index];
        }

        public PendingBundle Find(long creationSequence)
        {
            for (int i = 0; i < Pending.Count; i++)
            {
                PendingBundle p = (PendingBundle)Pending[i];
                if (p.CreationSequence == creationSequence)
                {
                    return p;
                }
            }

            return null;
        }

        public byte[] Encode(byte[] fingerprint)
        {
            WireWriter w = new WireWriter(256);
            w.WriteByte(Version);
            w.WriteBytes(fingerprint, 0, FingerprintBytes);
            w.WriteVarint(LastCreationSequence);
            w.WriteByte(FreePending ? FlagFreePending : 0);
            w.WriteVarint(Clamp(Contacts));
            w.WriteUInt32(LastContact);
            w.WriteVarint(Clamp(DocumentsPurged));
            w.WriteVarint(Clamp(BytesFreed));
            w.WriteByte(Slots.Count);
            for (int i = 0; i < Slots.Count; i++)
            {
                DatabaseSlot slot = Slot(i);
                w.WriteBlob(Encoding.UTF8.GetBytes(slot.Name));
                w.WriteVarint(slot.LastBundledSeq);
                w.WriteBytes(slot.Marker != null ? slot.Marker : new byte[MarkerBytes], 0, MarkerBytes);
                slot.Delivered.WriteTo(w);
            }

            Receipted.WriteTo(w);
            w.WriteVarint(Pending.Count);
            for (int i = 0; i < Pending.Count; i++)
            {
                PendingBundle p = (PendingBundle)Pending[i];
                w.WriteVarint(p.CreationSequence);
                w.WriteByte(p.Slot);
                w.WriteVarint(p.FromSeq);
                w.WriteVarint(p.ToSeq - p.FromSeq);
                w.WriteUInt32(p.CreationTime);
                w.WriteByte(Custody.CopiesLeft(p.CreationSequence));
            }

            w.WriteBytes(Sha256.Hash(w.Buffer, 0, w.Length), 0, ChecksumBytes);
            return w.ToArray();
        }

        /// <summary>
        /// The state in <paramref name="record"/>; null when it belongs to another (source, destination) pair (its
        /// creation sequences mean nothing to this pair's destination). Throws <see cref="MeshStateException"/> when it is
        /// corrupt, of another version or beyond the bounds.
        /// </summary>
        public static SourceState Decode(byte[] record, byte[] fingerprint)
        {
            if (record.Length > MaxBytes)
            {
                throw new MeshStateException(record.Length.ToString() + " bytes, more than the " + MaxBytes.ToString() + " a state may have");
            }

            if (record.Length < 1 || record[0] != Version)
            {
                throw new MeshStateException(record.Length < 1 ? "the record is empty" : "unknown version " + record[0].ToString());
            }

            if (record.Length < 1 + FingerprintBytes + ChecksumBytes)
            {
                throw new MeshStateException("the record is truncated");
            }

            int bodyBytes = record.Length - ChecksumBytes;
            byte[] checksum = Sha256.Hash(record, 0, bodyBytes);
            for (int i = 0; i < ChecksumBytes; i++)
            {
                if (checksum[i] != record[bodyBytes + i])
                {
                    throw new MeshStateException("the checksum does not match (damaged or truncated)");
                }
            }

            for (int i = 0; i < FingerprintBytes; i++)
            {
                if (record[1 + i] != fingerprint[i])
                {
                    return null;
                }
            }

            WireReader r = new WireReader(record, 1 + FingerprintBytes, bodyBytes - 1 - FingerprintBytes);
            SourceState state = new SourceState();
            string why = state.Read(r);
            if (why == null && !r.AtEnd)
            {
                why = r.Failed ? "it ends early" : "bytes follow the last field";
            }

            if (why != null)
            {
                throw new MeshStateException(why);
            }

            return state;
        }

        /// <summary>Reads the fields after the fingerprint; returns why they are unusable, or null.</summary>
        private string Read(WireReader r)
        {
            LastCreationSequence = r.ReadVarint(RangeSet.MaxValue);
            int flags = r.ReadByte();
            Contacts = r.ReadVarint(MaxCounter);
            LastContact = r.ReadUInt32();
            DocumentsPurged = r.ReadVarint(MaxCounter);
            BytesFreed = r.ReadVarint(MaxCounter);
            if ((flags & ~FlagFreePending) != 0)
            {
                return "unknown flags";
            }

            FreePending = (flags & FlagFreePending) != 0;
            int slots = r.ReadByte();
            if (slots > SourceOptions.MaxDatabases)
            {
                return slots.ToString() + " databases, more than " + SourceOptions.MaxDatabases.ToString();
            }

            for (int i = 0; i < slots && !r.Failed; i++)
            {
                byte[] name = r.ReadBlob(Store.DatabaseNames.MaxLength);
                if (r.Failed || !Utf8.IsValid(name))
                {
                    return "a database name is not UTF-8";
                }

                DatabaseSlot slot = new DatabaseSlot(Encoding.UTF8.GetString(name, 0, name.Length));
                slot.LastBundledSeq = r.ReadVarint(RangeSet.MaxValue);
                byte[] marker = r.ReadBytes(MarkerBytes);
                slot.Marker = marker == null || IsZero(marker) ? null : marker;
                slot.Delivered = RangeSet.ReadFrom(r, DatabaseSlot.MaxDeliveredRanges);
                if (slot.Delivered == null || SlotOf(slot.Name) >= 0)
                {
                    return "the delivered seqs of a database are malformed, or it is named twice";
                }

                Slots.Add(slot);
            }

            Receipted = RangeSet.ReadFrom(r, MaxReceiptedRanges);
            if (Receipted == null)
            {
                return "the receipted bundles are malformed";
            }

            return ReadPending(r);
        }

        private string ReadPending(WireReader r)
        {
            int count = (int)r.ReadVarint(SourceOptions.MaxPendingLimit);
            long previous = 0;
            for (int i = 0; i < count && !r.Failed; i++)
            {
                long sequence = r.ReadVarint(RangeSet.MaxValue);
                int slot = r.ReadByte();
                long from = r.ReadVarint(RangeSet.MaxValue);
                long to = from + r.ReadVarint(RangeSet.MaxValue);
                long time = r.ReadUInt32();
                int copies = r.ReadByte();
                if (r.Failed)
                {
                    break;
                }

                if (sequence <= previous || sequence > LastCreationSequence || slot >= Slots.Count || from < 1
                    || to > Slot(slot).LastBundledSeq)
                {
                    return "pending bundle " + sequence.ToString() + " is out of order or beyond what was cut";
                }

                Pending.Add(new PendingBundle(sequence, slot, from, to, time));
                Custody.Register(sequence, copies);
                previous = sequence;
            }

            return null;
        }

        private static bool IsZero(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static long Clamp(long counter)
        {
            return counter > MaxCounter ? MaxCounter : counter;
        }
    }
}
