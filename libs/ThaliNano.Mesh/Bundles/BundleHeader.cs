using System;
using ThaliNano.Hashing;
using System.Text;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Bundles
{
    /// <summary>
    /// The clear header of a bundle (README, "Bundle"). Carriers read it without keys to route, deduplicate and expire
    /// bundles; they may change only the hop count, the copies and the age (<see cref="WriteMutable"/>), which the tag
    /// leaves out. Everything else is under the tag: altering it makes the destination refuse the bundle.
    /// </summary>
    public sealed class BundleHeader
    {
        public const int MaxHopLimit = 255;
        public const int MaxCopies = 255;

        private byte[] _destinationHint;
        private byte[] _databaseHash;

        private BundleHeader()
        {
        }

        public int Flags { get; private set; }

        /// <summary>The key id of the node that made the bundle; with <see cref="CreationSequence"/> the bundle's id.</summary>
        public PublicKeyId Source { get; private set; }

        /// <summary>The source's bundle counter (1, 2, ...): receipts acknowledge ranges of it.</summary>
        public long CreationSequence { get; private set; }

        /// <summary>The source database's update seqs this bundle covers, both inclusive.</summary>
        public long FromSeq { get; private set; }

        public long ToSeq { get; private set; }

        /// <summary>DTN seconds (<see cref="DtnTime"/>); <see cref="DtnTime.Unknown"/> when the source had no clock.</summary>
        public long CreationTime { get; private set; }

        public long LifetimeSeconds { get; private set; }

        public int HopLimit { get; private set; }

        /// <summary>Mutable: forwards so far.</summary>
        public int HopCount { get; private set; }

        /// <summary>Mutable: the spray tokens the holder received with this copy.</summary>
        public int Copies { get; private set; }

        /// <summary>Mutable: seconds the bundle has spent at its holders, counted by them (used without a clock).</summary>
        public long AgeSeconds { get; private set; }

        public bool HasClock
        {
            get { return (Flags & BundleFormat.FlagNoClock) == 0; }
        }

        public BundleId Id
        {
            get { return new BundleId(Source, CreationSequence); }
        }

        /// <summary>A copy of the first 8 bytes of the destination's key id.</summary>
        public byte[] GetDestinationHint()
        {
            return (byte[])_destinationHint.Clone();
        }

        /// <summary>A copy of <see cref="DatabaseHash(string)"/> of the source database's name.</summary>
        public byte[] GetDatabaseHash()
        {
            return (byte[])_databaseHash.Clone();
        }

        /// <summary>True when the bundle is addressed to <paramref name="destination"/> (compares the 8-byte hint).</summary>
        public bool IsFor(PublicKeyId destination)
        {
            return destination != null && Equal(_destinationHint, destination.ToByteArray(), BundleFormat.DestinationHintBytes);
        }

        public bool IsFromDatabase(byte[] databaseHash)
        {
            return databaseHash != null && databaseHash.Length == BundleFormat.DatabaseHashBytes
                && Equal(_databaseHash, databaseHash, BundleFormat.DatabaseHashBytes);
        }

        /// <summary>The first 8 bytes of SHA-256 of the database name in UTF-8.</summary>
        public static byte[] DatabaseHash(string databaseName)
        {
            if (databaseName == null)
            {
                throw new ArgumentNullException("databaseName");
            }

            byte[] hash = Sha256.Hash(Encoding.UTF8.GetBytes(databaseName));
            byte[] result = new byte[BundleFormat.DatabaseHashBytes];
            Array.Copy(hash, result, result.Length);
            return result;
        }

        /// <summary>A header for a new bundle (hop count 0, age 0). <paramref name="creationTime"/> is
        /// <see cref="DtnTime.Unknown"/> on a node without a clock.</summary>
        public static BundleHeader Create(PublicKeyId source, long creationSequence, PublicKeyId destination,
            string databaseName, long fromSeq, long toSeq, long creationTime, long lifetimeSeconds, int hopLimit, int copies)
        {
            if (source == null || destination == null)
            {
                throw new ArgumentNullException(source == null ? "source" : "destination");
            }

            CheckRange(creationSequence, 1, uint.MaxValue, "creationSequence");
            CheckRange(fromSeq, 1, uint.MaxValue, "fromSeq");
            CheckRange(toSeq, fromSeq, uint.MaxValue, "toSeq");
            CheckRange(creationTime, 0, DtnTime.MaxValue, "creationTime");
            CheckRange(lifetimeSeconds, 1, uint.MaxValue, "lifetimeSeconds");
            CheckRange(hopLimit, 0, MaxHopLimit, "hopLimit");
            CheckRange(copies, 1, MaxCopies, "copies");

            BundleHeader header = new BundleHeader();
            header.Flags = creationTime == DtnTime.Unknown ? BundleFormat.FlagNoClock : 0;
            header.Source = source;
            header.CreationSequence = creationSequence;
            header._destinationHint = new byte[BundleFormat.DestinationHintBytes];
            Array.Copy(destination.ToByteArray(), header._destinationHint, BundleFormat.DestinationHintBytes);
            header._databaseHash = DatabaseHash(databaseName);
            header.FromSeq = fromSeq;
            header.ToSeq = toSeq;
            header.CreationTime = creationTime;
            header.LifetimeSeconds = lifetimeSeconds;
            header.HopLimit = hopLimit;
            header.Copies = copies;
            return header;
        }

        /// <summary>
        /// Reads the header of a sealed bundle and checks its shape (not its tag: only the destination can).
        /// <see cref="BundleRejection.Truncated"/>, <see cref="BundleRejection.BadVersion"/>,
        /// <see cref="BundleRejection.Oversize"/> or <see cref="BundleRejection.Malformed"/>; never throws.
        /// </summary>
        public static BundleRejection TryParse(byte[] wire, int maxBytes, out BundleHeader header)
        {
            header = null;
            if (wire == null || wire.Length < 1)
            {
                return BundleRejection.Truncated;
            }

            if (wire[BundleFormat.OffsetVersion] != BundleFormat.Version)
            {
                return BundleRejection.BadVersion;
            }

            if (wire.Length > maxBytes)
            {
                return BundleRejection.Oversize;
            }

            if (wire.Length < BundleFormat.MinimumBytes || (wire.Length - BundleFormat.FixedOverheadBytes) % BundleFormat.BlockBytes != 0)
            {
                return BundleRejection.Truncated;
            }

            BundleHeader h = new BundleHeader();
            h.Flags = wire[BundleFormat.OffsetFlags];
            byte[] source = new byte[PublicKeyId.SizeInBytes];
            Array.Copy(wire, BundleFormat.OffsetSource, source, 0, source.Length);
            h.Source = PublicKeyId.FromHash(source);
            h.CreationSequence = ReadUInt32(wire, BundleFormat.OffsetCreationSequence);
            h._destinationHint = Slice(wire, BundleFormat.OffsetDestinationHint, BundleFormat.DestinationHintBytes);
            h._databaseHash = Slice(wire, BundleFormat.OffsetDatabaseHash, BundleFormat.DatabaseHashBytes);
            h.FromSeq = ReadUInt32(wire, BundleFormat.OffsetFromSeq);
            h.ToSeq = ReadUInt32(wire, BundleFormat.OffsetToSeq);
            h.CreationTime = ReadUInt32(wire, BundleFormat.OffsetCreationTime);
            h.LifetimeSeconds = ReadUInt32(wire, BundleFormat.OffsetLifetime);
            h.HopLimit = wire[BundleFormat.OffsetHopLimit];
            h.HopCount = wire[BundleFormat.OffsetHopCount];
            h.Copies = wire[BundleFormat.OffsetCopies];
            h.AgeSeconds = ReadUInt32(wire, BundleFormat.OffsetAge);

            bool clockConsistent = h.HasClock ? h.CreationTime != DtnTime.Unknown : h.CreationTime == DtnTime.Unknown;
            if ((h.Flags & ~BundleFormat.FlagNoClock) != 0 || !clockConsistent || h.CreationSequence == 0
                || h.FromSeq == 0 || h.ToSeq < h.FromSeq || h.LifetimeSeconds == 0)
            {
                return BundleRejection.Malformed;
            }

            header = h;
            return BundleRejection.None;
        }

        /// <summary>
        /// Expired or past its hop limit at <paramref name="now"/> (DTN seconds, <see cref="DtnTime.Unknown"/> when
        /// the checking node has no clock): by the creation time when both clocks are known, else by the age.
        /// </summary>
        public BundleRejection CheckLiveness(long now)
        {
            if (HopCount > HopLimit)
            {
                return BundleRejection.HopLimitExceeded;
            }

            long age = HasClock && now != DtnTime.Unknown ? now - CreationTime : AgeSeconds;
            return age > LifetimeSeconds ? BundleRejection.Expired : BundleRejection.None;
        }

        /// <summary>Writes the whole header (mutable fields included) into wire[0, HeaderBytes).</summary>
        internal void WriteTo(byte[] wire)
        {
            wire[BundleFormat.OffsetVersion] = BundleFormat.Version;
            wire[BundleFormat.OffsetFlags] = (byte)Flags;
            Array.Copy(Source.ToByteArray(), 0, wire, BundleFormat.OffsetSource, PublicKeyId.SizeInBytes);
            WriteUInt32(wire, BundleFormat.OffsetCreationSequence, CreationSequence);
            Array.Copy(_destinationHint, 0, wire, BundleFormat.OffsetDestinationHint, BundleFormat.DestinationHintBytes);
            Array.Copy(_databaseHash, 0, wire, BundleFormat.OffsetDatabaseHash, BundleFormat.DatabaseHashBytes);
            WriteUInt32(wire, BundleFormat.OffsetFromSeq, FromSeq);
            WriteUInt32(wire, BundleFormat.OffsetToSeq, ToSeq);
            WriteUInt32(wire, BundleFormat.OffsetCreationTime, CreationTime);
            WriteUInt32(wire, BundleFormat.OffsetLifetime, LifetimeSeconds);
            wire[BundleFormat.OffsetHopLimit] = (byte)HopLimit;
            WriteMutable(wire, HopCount, Copies, AgeSeconds);
        }

        /// <summary>
        /// Sets the fields a carrier may change in a sealed bundle, in place: what it does before handing a copy on
        /// (hop count + 1, the copies it gives, the age it adds). The tag stays valid.
        /// </summary>
        public static void WriteMutable(byte[] wire, int hopCount, int copies, long ageSeconds)
        {
            ArgumentChecks.Range(wire, 0, BundleFormat.HeaderBytes);
            CheckRange(hopCount, 0, 255, "hopCount");
            CheckRange(copies, 0, MaxCopies, "copies");
            CheckRange(ageSeconds, 0, uint.MaxValue, "ageSeconds");
            wire[BundleFormat.OffsetHopCount] = (byte)hopCount;
            wire[BundleFormat.OffsetCopies] = (byte)copies;
            WriteUInt32(wire, BundleFormat.OffsetAge, ageSeconds);
        }

        private static bool Equal(byte[] a, byte[] b, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }

        private static byte[] Slice(byte[] data, int offset, int count)
        {
            byte[] result = new byte[count];
            Array.Copy(data, offset, result, 0, count);
            return result;
        }

        private static long ReadUInt32(byte[] data, int offset)
        {
            return ((long)data[offset] << 24) | ((long)data[offset + 1] << 16) | ((long)data[offset + 2] << 8) | data[offset + 3];
        }

        private static void WriteUInt32(byte[] data, int offset, long value)
        {
            data[offset] = (byte)(value >> 24);
            data[offset + 1] = (byte)(value >> 16);
            data[offset + 2] = (byte)(value >> 8);
            data[offset + 3] = (byte)value;
        }

        private static void CheckRange(long value, long min, long max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name, name + " must lie in [" + min.ToString() + ", " + max.ToString() + "]");
            }
        }
    }
}
