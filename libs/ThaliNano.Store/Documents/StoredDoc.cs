using System;
using System.Text;
using ThaliNano.Store.Format;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store.Documents
{
    /// <summary>
    /// A document record decoded: payload = <see cref="RecordHeader"/>, varint tree length, the encoded
    /// <see cref="RevisionTree"/>, then for each leaf in the tree's leaf order a varint length and the leaf's body.
    /// Holds its own copy of the payload; leaf bodies are slices of it.
    /// </summary>
    internal sealed class StoredDoc
    {
        public string Id;
        public byte[] IdBytes;
        public long Offset;
        public uint Seq;
        public uint Time;
        public RevisionTree Tree;
        public byte[] Payload;
        public int[] BodyOffsets;
        public int[] BodyLengths;

        /// <summary>Decodes a document payload; null when it is malformed (the caller reports corruption).</summary>
        public static StoredDoc Decode(byte[] source, int start, int length, RecordHeader h, long offset)
        {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = source[start + i];
            }

            StoredDoc d = new StoredDoc();
            d.Offset = offset;
            d.Seq = h.Seq;
            d.Time = h.Time;
            d.Payload = payload;
            d.IdBytes = h.CopyId(source);
            d.Id = Encoding.UTF8.GetString(d.IdBytes, 0, d.IdBytes.Length);
            int p = h.BodyOffset - start;
            uint treeLength;
            if (!LittleEndian.TryReadVarInt(payload, ref p, length, out treeLength) || treeLength > (uint)(length - p))
            {
                return null;
            }

            try
            {
                d.Tree = RevisionTree.Decode(payload, p, (int)treeLength);
            }
            catch (CorruptRevisionTreeException)
            {
                return null;
            }

            p += (int)treeLength;
            int leaves = d.Tree.LeafCount;
            d.BodyOffsets = new int[leaves];
            d.BodyLengths = new int[leaves];
            for (int k = 0; k < leaves; k++)
            {
                uint n;
                if (!LittleEndian.TryReadVarInt(payload, ref p, length, out n) || n > (uint)(length - p))
                {
                    return null;
                }

                d.BodyOffsets[k] = p;
                d.BodyLengths[k] = (int)n;
                p += (int)n;
            }

            return p == length ? d : null;
        }

        public int FindLeaf(Revision rev)
        {
            for (int k = 0; k < Tree.LeafCount; k++)
            {
                if (Tree.GetLeaf(k) == rev)
                {
                    return k;
                }
            }

            return -1;
        }

        public byte[] CopyBody(int leaf)
        {
            byte[] b = new byte[BodyLengths[leaf]];
            int from = BodyOffsets[leaf];
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = Payload[from + i];
            }

            return b;
        }

        /// <summary>Appends a sealed document frame to <paramref name="output"/>; bodies[k] belongs to tree.GetLeaf(k).</summary>
        /// <summary>The bytes <see cref="WriteFrame"/> appends for this document (to size a group commit's buffer once).</summary>
        public static int FrameLength(byte[] id, RevisionTree tree, int[] bodyLengths)
        {
            return Frame.Overhead + PayloadLength(id, tree.GetEncodedLength(), bodyLengths);
        }

        private static int PayloadLength(byte[] id, int treeLength, int[] bodyLengths)
        {
            int payloadLength = RecordHeader.Length(id) + LittleEndian.VarIntLength((uint)treeLength) + treeLength;
            for (int k = 0; k < bodyLengths.Length; k++)
            {
                payloadLength += LittleEndian.VarIntLength((uint)bodyLengths[k]) + bodyLengths[k];
            }

            return payloadLength;
        }

        public static void WriteFrame(ByteBuffer output, byte[] id, uint seq, uint time, RevisionTree tree,
            byte[][] bodies, int[] bodyOffsets, int[] bodyLengths)
        {
            int treeLength = tree.GetEncodedLength();
            int payloadLength = PayloadLength(id, treeLength, bodyLengths);
            int start = output.Reserve(Frame.Overhead + payloadLength);
            byte[] b = output.Data;
            int p = start + Frame.HeaderSize;
            p += RecordHeader.Write(b, p, RecordKind.Document, tree.IsDeleted ? RecordKind.FlagDeleted : (byte)0, seq, time, id);
            p += LittleEndian.WriteVarInt(b, p, (uint)treeLength);
            tree.Encode(b, p);
            p += treeLength;
            for (int k = 0; k < bodyLengths.Length; k++)
            {
                p += LittleEndian.WriteVarInt(b, p, (uint)bodyLengths[k]);
                Array.Copy(bodies[k], bodyOffsets[k], b, p, bodyLengths[k]);
                p += bodyLengths[k];
            }

            Frame.Seal(b, start, payloadLength);
        }
    }
}
