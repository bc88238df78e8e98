using System;

namespace ThaliNano.Store.Revisions
{
    /// <summary>The compact binary form of a revision tree (see README.md in this folder).</summary>
    public sealed partial class RevisionTree
    {
        /// <summary>First byte of every encoded tree.</summary>
        public const byte FormatVersion = 1;

        private const int StoredFlags = FlagDeleted | FlagRawId;
        private const int FlagBits = 2;

        /// <summary>Bytes <see cref="Encode"/> writes.</summary>
        public int GetEncodedLength()
        {
            int length = 1 + VarintLength(_count);
            for (int i = 0; i < _count; i++)
            {
                int p = _parents[i];
                length += VarintLength(NodeHead(i));
                if (p < 0)
                {
                    length += VarintLength(_generations[i]);
                }

                length += IsRaw(i) ? 1 + _rawIds[i].Length : HashLength;
            }

            return length;
        }

        /// <summary>Writes the tree at destination[offset..offset + GetEncodedLength()).</summary>
        public void Encode(byte[] destination, int offset)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (offset < 0 || offset > destination.Length - GetEncodedLength())
            {
                throw new ArgumentOutOfRangeException("offset", "the destination is too small");
            }

            int pos = offset;
            destination[pos++] = FormatVersion;
            pos = WriteVarint(destination, pos, _count);
            for (int i = 0; i < _count; i++)
            {
                pos = WriteVarint(destination, pos, NodeHead(i));
                if (_parents[i] < 0)
                {
                    pos = WriteVarint(destination, pos, _generations[i]);
                }

                if (IsRaw(i))
                {
                    byte[] id = _rawIds[i];
                    destination[pos++] = (byte)id.Length;
                    Array.Copy(id, 0, destination, pos, id.Length);
                    pos += id.Length;
                }
                else
                {
                    Array.Copy(_hashes, i * HashLength, destination, pos, HashLength);
                    pos += HashLength;
                }
            }
        }

        /// <summary>
        /// Reads a tree that <see cref="Encode"/> wrote. Input that is not such a tree throws
        /// <see cref="CorruptRevisionTreeException"/> (never another exception for bad bytes).
        /// </summary>
        public static RevisionTree Decode(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            int end = offset + count;
            int pos = offset;
            if (count == 0)
            {
                throw Corrupt("no data");
            }

            if (data[pos++] != FormatVersion)
            {
                throw Corrupt("unknown format version " + data[offset].ToString());
            }

            int n = ReadVarint(data, ref pos, end);
            if (n > MaxNodes)
            {
                throw Corrupt("more than " + MaxNodes.ToString() + " revisions");
            }

            // Room for one edit: the usual next step after decoding.
            RevisionTree tree = new RevisionTree();
            tree.Allocate(n < MaxNodes ? n + 1 : n, false);
            for (int i = 0; i < n; i++)
            {
                int head = ReadVarint(data, ref pos, end);
                int distance = head >> FlagBits;
                int flags = head & StoredFlags;
                if (distance > i)
                {
                    throw Corrupt("parent of revision " + i.ToString() + " out of range");
                }

                int parent = distance == 0 ? -1 : i - distance;
                int generation;
                if (parent < 0)
                {
                    generation = ReadVarint(data, ref pos, end);
                    if (generation < 1)
                    {
                        throw Corrupt("generation 0");
                    }
                }
                else
                {
                    if (tree._generations[parent] == Revision.MaxGeneration)
                    {
                        throw Corrupt("generation overflow");
                    }

                    generation = tree._generations[parent] + 1;
                }

                if ((flags & FlagRawId) != 0)
                {
                    tree.ReadRawId(data, ref pos, end, i);
                }
                else
                {
                    Need(pos, HashLength, end);
                    Array.Copy(data, pos, tree._hashes, i * HashLength, HashLength);
                    pos += HashLength;
                }

                tree._generations[i] = generation;
                tree._parents[i] = (short)parent;
                tree._flags[i] |= (byte)flags;
                if (parent >= 0)
                {
                    tree._flags[parent] |= FlagHasChildren;
                }

                tree._count = i + 1;
            }

            if (pos != end)
            {
                throw Corrupt((end - pos).ToString() + " bytes after the last revision");
            }

            tree.RefreshLeaves();
            if (tree._leafCount > MaxLeaves)
            {
                throw Corrupt("more than " + MaxLeaves.ToString() + " leaves");
            }

            return tree;
        }

        private void ReadRawId(byte[] data, ref int pos, int end, int i)
        {
            Need(pos, 1, end);
            int length = data[pos++];
            if (length < 1 || length > RevisionIds.MaxTextLength)
            {
                throw Corrupt("revision id length " + length.ToString());
            }

            Need(pos, length, end);
            for (int k = 0; k < length; k++)
            {
                if (!RevisionIds.IsIdChar(data[pos + k]))
                {
                    throw Corrupt("revision id character out of range");
                }
            }

            if (RevisionIds.IsCanonicalHex(data, pos, length))
            {
                throw Corrupt("32-hex revision id stored as text");
            }

            byte[] id = new byte[length];
            Array.Copy(data, pos, id, 0, length);
            pos += length;
            if (_rawIds == null)
            {
                _rawIds = new byte[_generations.Length][];
            }

            _rawIds[i] = id;
        }

        /// <summary>(distance back to the parent, 0 for a root) shifted left by 2 | deleted | raw id.</summary>
        private int NodeHead(int i)
        {
            int p = _parents[i];
            return ((p < 0 ? 0 : i - p) << FlagBits) | (_flags[i] & StoredFlags);
        }

        private static void Need(int pos, int length, int end)
        {
            if (length > end - pos)
            {
                throw Corrupt("truncated");
            }
        }

        private static Exception Corrupt(string reason)
        {
            return new CorruptRevisionTreeException("corrupt revision tree: " + reason);
        }

        private static int VarintLength(int value)
        {
            int length = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                length++;
            }

            return length;
        }

        private static int WriteVarint(byte[] destination, int pos, int value)
        {
            while (value >= 0x80)
            {
                destination[pos++] = (byte)(value | 0x80);
                value >>= 7;
            }

            destination[pos++] = (byte)value;
            return pos;
        }

        /// <summary>Unsigned LEB128 of a non-negative int, shortest form only.</summary>
        private static int ReadVarint(byte[] data, ref int pos, int end)
        {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7)
            {
                Need(pos, 1, end);
                int b = data[pos++];
                if (shift == 28 && b > 0x07)
                {
                    throw Corrupt("number too large");
                }

                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    if (b == 0 && shift > 0)
                    {
                        throw Corrupt("number not in shortest form");
                    }

                    return value;
                }
            }

            throw Corrupt("number too large");
        }
    }
}
