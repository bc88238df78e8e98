using System;
using System.Collections;
using System.Text;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Wire;

namespace ThaliNano.Mesh.Bundles
{
    /// <summary>
    /// The plaintext a bundle seals (README, "Payload"): the database name, the source's settled floor, then revisions until the end. Encoding
    /// happens revision by revision (<see cref="WriteRevision"/>) so a builder can stop when a bundle is full;
    /// <see cref="TryDecode"/> reads untrusted bytes and never throws.
    /// </summary>
    public sealed class BundlePayload
    {
        public const int MaxDatabaseNameBytes = 238;
        public const int MaxIdBytes = 1000;
        public const int MaxRevisionIds = 1024;
        public const int MaxRevisionIdBytes = 64;

        private const int FlagDeleted = 0x01;
        private const int FlagHexIds = 0x02;
        private const int HexIdBytes = 16;

        private BundlePayload(string databaseName, long settledBelow, BundleRevision[] revisions)
        {
            DatabaseName = databaseName;
            SettledBelow = settledBelow;
            Revisions = revisions;
        }

        public string DatabaseName { get; }

        /// <summary>
        /// The source's floor when it built the bundle: every creation sequence below it was receipted or will never be
        /// sent (re-issued under a new number, emptied, or burnt), so the destination may count those as settled and its
        /// receipts stay a few ranges long. 0 claims nothing. Never above the bundle's own creation sequence.
        /// </summary>
        public long SettledBelow { get; }

        public BundleRevision[] Revisions { get; }

        /// <summary>What precedes the revisions: the database name and the settled floor.</summary>
        internal static void WriteHead(WireWriter writer, string databaseName, long settledBelow)
        {
            writer.WriteBlob(Encoding.UTF8.GetBytes(databaseName));
            writer.WriteVarint(settledBelow);
        }

        /// <summary>flags, id, start, ids (16 bytes each when all are 32 lowercase hex digits), body.</summary>
        internal static void WriteRevision(WireWriter writer, string id, int revisionsStart, string[] revisionIds, bool deleted, byte[] body)
        {
            bool hex = true;
            for (int i = 0; i < revisionIds.Length && hex; i++)
            {
                hex = IsHexId(revisionIds[i]);
            }

            writer.WriteByte((deleted ? FlagDeleted : 0) | (hex ? FlagHexIds : 0));
            writer.WriteBlob(Encoding.UTF8.GetBytes(id));
            writer.WriteVarint(revisionsStart);
            writer.WriteVarint(revisionIds.Length);
            for (int i = 0; i < revisionIds.Length; i++)
            {
                if (hex)
                {
                    for (int k = 0; k < HexIdBytes; k++)
                    {
                        writer.WriteByte((HexValue(revisionIds[i][2 * k]) << 4) | HexValue(revisionIds[i][(2 * k) + 1]));
                    }
                }
                else
                {
                    writer.WriteBlob(Encoding.UTF8.GetBytes(revisionIds[i]));
                }
            }

            writer.WriteBlob(body == null ? new byte[0] : body);
        }

        /// <summary>Decodes a payload; false (payload null) for anything that does not follow the format exactly.</summary>
        public static bool TryDecode(byte[] data, int offset, int count, out BundlePayload payload)
        {
            payload = null;
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return false;
            }

            WireReader reader = new WireReader(data, offset, count);
            string name = ReadText(reader, MaxDatabaseNameBytes);
            long settledBelow = reader.ReadVarint(RangeSet.MaxValue);
            if (name == null || name.Length == 0 || reader.Failed)
            {
                return false;
            }

            ArrayList revisions = new ArrayList();
            while (!reader.AtEnd)
            {
                BundleRevision revision = ReadRevision(reader);
                if (revision == null)
                {
                    return false;
                }

                revisions.Add(revision);
            }

            payload = new BundlePayload(name, settledBelow, (BundleRevision[])revisions.ToArray(typeof(BundleRevision)));
            return true;
        }

        private static BundleRevision ReadRevision(WireReader reader)
        {
            int flags = reader.ReadByte();
            string id = ReadText(reader, MaxIdBytes);
            int start = (int)reader.ReadVarint(int.MaxValue);
            int idCount = (int)reader.ReadVarint(MaxRevisionIds);
            if (reader.Failed || (flags & ~(FlagDeleted | FlagHexIds)) != 0 || id == null || id.Length == 0
                || idCount == 0 || idCount > start)
            {
                return null;
            }

            string[] ids = new string[idCount];
            for (int i = 0; i < idCount; i++)
            {
                ids[i] = (flags & FlagHexIds) != 0 ? ToHex(reader.ReadBytes(HexIdBytes)) : ReadText(reader, MaxRevisionIdBytes);
                if (ids[i] == null || ids[i].Length == 0)
                {
                    return null;
                }
            }

            byte[] body = reader.ReadBlob(int.MaxValue);
            return reader.Failed ? null : new BundleRevision(id, start, ids, (flags & FlagDeleted) != 0, body);
        }

        /// <summary>A UTF-8 string of at most maxBytes, or null (bytes that are not UTF-8 included).</summary>
        private static string ReadText(WireReader reader, int maxBytes)
        {
            byte[] bytes = reader.ReadBlob(maxBytes);
            if (bytes == null || !Utf8.IsValid(bytes))
            {
                return null;
            }

            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        private static bool IsHexId(string id)
        {
            if (id == null || id.Length != 2 * HexIdBytes)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                if (HexValue(id[i]) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }

        private static string ToHex(byte[] bytes)
        {
            if (bytes == null)
            {
                return null;
            }

            StringBuilder text = new StringBuilder(bytes.Length * 2);
            for (int i = 0; i < bytes.Length; i++)
            {
                text.Append("0123456789abcdef"[bytes[i] >> 4]);
                text.Append("0123456789abcdef"[bytes[i] & 0xF]);
            }

            return text.ToString();
        }
    }
}
