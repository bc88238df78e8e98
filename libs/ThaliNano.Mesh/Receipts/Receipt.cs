using System;
using ThaliNano.Identity;
using ThaliNano.Mesh.Wire;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Mesh.Receipts
{
    /// <summary>
    /// An end-to-end receipt (README, "Receipt"): the destination states which of a source's bundles (creation
    /// sequences) it has stored, MACed with the receipt key it shares with that source. Carriers can read it (to drop
    /// copies the destination already has) but can neither forge nor widen it.
    /// </summary>
    public sealed class Receipt
    {
        public const int Version = 1;
        public const int TagBytes = 16;
        public const int FixedBytes = 1 + (2 * PublicKeyId.SizeInBytes) + 4;
        public const int MaxBytes = 512;

        private Receipt(PublicKeyId destination, PublicKeyId source, long issueTime, RangeSet bundles)
        {
            Destination = destination;
            Source = source;
            IssueTime = issueTime;
            Bundles = bundles;
        }

        public PublicKeyId Destination { get; }

        public PublicKeyId Source { get; }

        /// <summary>DTN seconds at the destination.</summary>
        public long IssueTime { get; }

        /// <summary>The creation sequences received (a copy when issued; the caller's own after parsing).</summary>
        public RangeSet Bundles { get; }

        /// <summary>Issues a receipt for <paramref name="bundles"/> (the destination's side of <paramref name="key"/>).</summary>
        public static byte[] Issue(SealKey key, RangeSet bundles, long issueTime)
        {
            if (key == null || bundles == null)
            {
                throw new ArgumentNullException(key == null ? "key" : "bundles");
            }

            if (issueTime < 0 || issueTime > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException("issueTime");
            }

            WireWriter writer = new WireWriter(128);
            writer.WriteByte(Version);
            byte[] destination = key.Destination.ToByteArray();
            writer.WriteBytes(destination, 0, destination.Length);
            byte[] source = key.Source.ToByteArray();
            writer.WriteBytes(source, 0, source.Length);
            writer.WriteUInt32(issueTime);
            bundles.WriteTo(writer);
            byte[] body = writer.ToArray();
            writer.WriteBytes(HmacSha256.Compute(key.ReceiptKey, body), 0, TagBytes);
            return writer.ToArray();
        }

        /// <summary>Reads a receipt without checking its tag (carriers: to route it and drop delivered copies).</summary>
        public static ReceiptRejection TryParse(byte[] wire, out Receipt receipt)
        {
            receipt = null;
            if (wire == null || wire.Length < 1)
            {
                return ReceiptRejection.Truncated;
            }

            if (wire[0] != Version)
            {
                return ReceiptRejection.BadVersion;
            }

            if (wire.Length > MaxBytes)
            {
                return ReceiptRejection.Oversize;
            }

            if (wire.Length < FixedBytes + 2 + TagBytes)
            {
                return ReceiptRejection.Truncated;
            }

            WireReader reader = new WireReader(wire, 1, wire.Length - 1 - TagBytes);
            PublicKeyId destination = PublicKeyId.FromHash(reader.ReadBytes(PublicKeyId.SizeInBytes));
            PublicKeyId source = PublicKeyId.FromHash(reader.ReadBytes(PublicKeyId.SizeInBytes));
            long issueTime = reader.ReadUInt32();
            RangeSet bundles = RangeSet.ReadFrom(reader, RangeSet.MaxRangesLimit);
            if (bundles == null || !reader.AtEnd)
            {
                return ReceiptRejection.Malformed;
            }

            receipt = new Receipt(destination, source, issueTime, bundles);
            return ReceiptRejection.None;
        }

        /// <summary>Parses and authenticates a receipt with the source's side of <paramref name="key"/>.</summary>
        public static ReceiptRejection Verify(byte[] wire, SealKey key, out Receipt receipt)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            ReceiptRejection rejection = TryParse(wire, out receipt);
            if (rejection != ReceiptRejection.None)
            {
                return rejection;
            }

            if (receipt.Source != key.Source || receipt.Destination != key.Destination)
            {
                receipt = null;
                return ReceiptRejection.WrongParty;
            }

            HmacSha256 hmac = new HmacSha256(key.ReceiptKey);
            hmac.Append(wire, 0, wire.Length - TagBytes);
            byte[] tag = hmac.GetMacAndReset();
            int difference = 0;
            for (int i = 0; i < TagBytes; i++)
            {
                difference |= tag[i] ^ wire[wire.Length - TagBytes + i];
            }

            if (difference != 0)
            {
                receipt = null;
                return ReceiptRejection.BadTag;
            }

            return ReceiptRejection.None;
        }
    }
}
