using ThaliNano.Hashing;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store.Format
{
    /// <summary>
    /// A small record kept in two alternating files (name.0, name.1) so that it can be replaced atomically without a
    /// rename: each write goes to the slot the newest does not occupy, and carries a counter and a CRC. Readers take
    /// the valid slot with the higher counter; a torn write leaves the other slot, the previous state, in force.
    /// Slot layout: magic(4) u16 version u16 0 u32 counter u32 payload length, payload, u32 CRC-32 of all before.
    /// </summary>
    internal sealed class SlotFile
    {
        private const int HeaderSize = 16;
        private readonly IFileStorage _storage;
        private readonly string _directory;
        private readonly string _name;
        private readonly byte[] _magic;

        /// <param name="directory">The folder of the two files (its owner's string: paths are made when used, not kept).</param>
        /// <param name="name">The files' name before ".0" and ".1".</param>
        public SlotFile(IFileStorage storage, string directory, string name, byte[] magic)
        {
            _storage = storage;
            _directory = directory;
            _name = name;
            _magic = magic;
        }

        /// <summary>Counter of the slot last read or written (0 when none).</summary>
        public uint Counter { get; private set; }

        /// <summary>
        /// After <see cref="ReadNewest"/>: a slot that has all the bytes its header declares yet fails its CRC. A power
        /// cut only ever leaves a slot short (torn), so this is corruption; null when there is none.
        /// </summary>
        public string CorruptSlot { get; private set; }

        /// <summary>True when at least one slot file exists (valid or not).</summary>
        public bool AnyExists
        {
            get { return _storage.FileExists(SlotPath(0)) || _storage.FileExists(SlotPath(1)); }
        }

        public string SlotPath(int slot)
        {
            return StorageNames.Combine(_directory, _name + "." + slot.ToString());
        }

        /// <summary>
        /// The newest valid payload, or null when no slot is valid. A slot with a foreign magic or a newer version
        /// throws <see cref="UnsupportedFormatException"/>; a slot that is damaged is skipped (<paramref name="damaged"/> says so).
        /// </summary>
        public byte[] ReadNewest(out bool damaged)
        {
            damaged = false;
            CorruptSlot = null;
            byte[] best = null;
            uint bestCounter = 0;
            for (int slot = 0; slot < 2; slot++)
            {
                string path = SlotPath(slot);
                if (!_storage.FileExists(path))
                {
                    continue;
                }

                uint counter;
                byte[] payload = ReadSlot(path, out counter);
                if (payload == null)
                {
                    damaged = true;
                    continue;
                }

                if (best == null || counter > bestCounter)
                {
                    best = payload;
                    bestCounter = counter;
                }
            }

            Counter = bestCounter;
            return best;
        }

        /// <summary>Writes the payload with the next counter into the other slot and syncs it.</summary>
        public void Write(byte[] payload, int length)
        {
            uint counter = Counter + 1;
            byte[] b = new byte[HeaderSize + length + 4];
            for (int i = 0; i < 4; i++)
            {
                b[i] = _magic[i];
            }

            LittleEndian.WriteUInt16(b, 4, FileHeader.FormatVersion);
            LittleEndian.WriteUInt32(b, 8, counter);
            LittleEndian.WriteUInt32(b, 12, (uint)length);
            for (int i = 0; i < length; i++)
            {
                b[HeaderSize + i] = payload[i];
            }

            LittleEndian.WriteUInt32(b, HeaderSize + length, Crc32.Compute(b, 0, HeaderSize + length));
            using (IStorageFile file = _storage.Create(SlotPath((int)(counter & 1))))
            {
                file.Append(b, 0, b.Length);
                file.Sync();
            }

            Counter = counter;
        }

        public void DeleteBoth()
        {
            _storage.DeleteFile(SlotPath(0));
            _storage.DeleteFile(SlotPath(1));
        }

        private byte[] ReadSlot(string path, out uint counter)
        {
            counter = 0;
            byte[] b;
            using (IStorageFile file = _storage.Open(path))
            {
                long length = file.Length;
                if (length > 4096)
                {
                    length = 4096;
                }

                b = new byte[(int)length];
                if (file.Read(0, b, 0, b.Length) != b.Length)
                {
                    return null;
                }
            }

            if (b.Length >= 4 && !FileHeader.MagicMatches(b, _magic))
            {
                throw new UnsupportedFormatException(path, "not a ThaliNano store file (wrong magic)");
            }

            if (b.Length < HeaderSize + 4)
            {
                return null;
            }

            int payloadLength = (int)LittleEndian.ReadUInt32(b, 12);
            if (payloadLength < 0 || payloadLength > b.Length - HeaderSize - 4)
            {
                return null;
            }

            if (Crc32.Compute(b, 0, HeaderSize + payloadLength) != LittleEndian.ReadUInt32(b, HeaderSize + payloadLength))
            {
                if (b.Length == HeaderSize + payloadLength + 4)
                {
                    CorruptSlot = path;
                }

                return null;
            }

            int version = LittleEndian.ReadUInt16(b, 4);
            if (version > FileHeader.FormatVersion)
            {
                throw new UnsupportedFormatException(path, "format version " + version.ToString() + " is newer than this firmware's " + FileHeader.FormatVersion.ToString());
            }

            counter = LittleEndian.ReadUInt32(b, 8);
            byte[] payload = new byte[payloadLength];
            for (int i = 0; i < payloadLength; i++)
            {
                payload[i] = b[HeaderSize + i];
            }

            return payload;
        }
    }
}
