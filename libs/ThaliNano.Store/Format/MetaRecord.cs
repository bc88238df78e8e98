using System.Text;

namespace ThaliNano.Store.Format
{
    /// <summary>
    /// The payload of a database's meta slots ("meta.0"/"meta.1", magic "TNMD"): u32 log generation, u32 revs_limit,
    /// u8 conflict policy, u32 tombstone retention (seconds), i64 quota, u32 base seq (the update_seq when the generation
    /// was made: seqs never go back even when compaction dropped the newest records), varint+UTF-8 database name, varint+UTF-8
    /// timestamp field. A new generation becomes current by writing this with the next counter (compaction's switch).
    /// </summary>
    internal static class MetaRecord
    {
        public static readonly byte[] Magic = new byte[] { (byte)'T', (byte)'N', (byte)'M', (byte)'D' };

        public static byte[] Encode(string name, uint generation, uint baseSeq, DatabaseOptions options)
        {
            byte[] nameBytes = Encoding.UTF8.GetBytes(name);
            byte[] fieldBytes = Encoding.UTF8.GetBytes(options.TimestampField);
            byte[] b = new byte[25 + 10 + nameBytes.Length + fieldBytes.Length];
            LittleEndian.WriteUInt32(b, 0, generation);
            LittleEndian.WriteUInt32(b, 4, (uint)options.RevsLimit);
            b[8] = (byte)options.ConflictPolicy;
            LittleEndian.WriteUInt32(b, 9, options.TombstoneRetentionSeconds);
            LittleEndian.WriteInt64(b, 13, options.QuotaBytes);
            LittleEndian.WriteUInt32(b, 21, baseSeq);
            int p = 25;
            p += LittleEndian.WriteVarInt(b, p, (uint)nameBytes.Length);
            for (int i = 0; i < nameBytes.Length; i++)
            {
                b[p++] = nameBytes[i];
            }

            p += LittleEndian.WriteVarInt(b, p, (uint)fieldBytes.Length);
            for (int i = 0; i < fieldBytes.Length; i++)
            {
                b[p++] = fieldBytes[i];
            }

            byte[] exact = new byte[p];
            for (int i = 0; i < p; i++)
            {
                exact[i] = b[i];
            }

            return exact;
        }

        /// <summary>Decodes a payload; false when it is malformed.</summary>
        public static bool TryDecode(byte[] b, out string name, out uint generation, out uint baseSeq, out DatabaseOptions options)
        {
            name = null;
            generation = 0;
            baseSeq = 0;
            options = null;
            if (b.Length < 27)
            {
                return false;
            }

            DatabaseOptions o = new DatabaseOptions();
            generation = LittleEndian.ReadUInt32(b, 0);
            o.RevsLimit = (int)LittleEndian.ReadUInt32(b, 4);
            o.ConflictPolicy = (ConflictPolicy)b[8];
            o.TombstoneRetentionSeconds = LittleEndian.ReadUInt32(b, 9);
            o.QuotaBytes = LittleEndian.ReadInt64(b, 13);
            baseSeq = LittleEndian.ReadUInt32(b, 21);
            int p = 25;
            uint n;
            if (!LittleEndian.TryReadVarInt(b, ref p, b.Length, out n) || n > (uint)(b.Length - p))
            {
                return false;
            }

            name = Encoding.UTF8.GetString(b, p, (int)n);
            p += (int)n;
            if (!LittleEndian.TryReadVarInt(b, ref p, b.Length, out n) || n > (uint)(b.Length - p))
            {
                return false;
            }

            o.TimestampField = Encoding.UTF8.GetString(b, p, (int)n);
            options = o;
            return true;
        }
    }
}
