using System;
using ThaliNano.Store.Format;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store.Log
{
    /// <summary>
    /// One generation of a database's append-only log: a 16-byte <see cref="FileHeader"/> ("TNLG") followed by
    /// <see cref="Frame"/>s. Reads verify every frame; appends are durable only after <see cref="Sync"/>.
    /// Holds one reusable read buffer, made by the first read, that grows to the largest record read, until
    /// <see cref="ReleaseBuffers"/>.
    /// </summary>
    internal sealed class LogFile : IDisposable
    {
        public static readonly byte[] Magic = new byte[] { (byte)'T', (byte)'N', (byte)'L', (byte)'G' };

        private static readonly byte[] s_noBuffer = new byte[0];

        private readonly IStorageFile _file;
        private readonly byte[] _header = new byte[Frame.HeaderSize];
        private byte[] _head = s_noBuffer;
        private long _length;

        private LogFile(IStorageFile file, string path, uint generation)
        {
            _file = file;
            Path = path;
            Generation = generation;
            _length = file.Length;
            Buffer = s_noBuffer;
        }

        public string Path { get; private set; }

        public uint Generation { get; private set; }

        /// <summary>Current length (including appends not yet synced).</summary>
        public long Length
        {
            get { return _length; }
        }

        /// <summary>Holds the payload (and trailer) of the last frame read.</summary>
        public byte[] Buffer { get; private set; }

        /// <summary>Gives back the read buffers (the next read allocates what it needs).</summary>
        public void ReleaseBuffers()
        {
            Buffer = s_noBuffer;
            _head = s_noBuffer;
        }

        /// <summary>Bytes of the read buffers held now.</summary>
        public int BufferBytes
        {
            get { return Buffer.Length + _head.Length; }
        }

        /// <summary>Creates (or truncates) the file with its header and syncs it.</summary>
        public static LogFile Create(IFileStorage storage, string path, uint generation)
        {
            IStorageFile file = storage.Create(path);
            try
            {
                byte[] header = FileHeader.Build(Magic, generation);
                file.Append(header, 0, header.Length);
                file.Sync();
                return new LogFile(file, path, generation);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>Opens a log and checks its header: foreign, newer or damaged headers throw.</summary>
        public static LogFile Open(IFileStorage storage, string path, uint expectedGeneration)
        {
            IStorageFile file = storage.Open(path);
            try
            {
                byte[] header = new byte[FileHeader.Size];
                int n = file.Read(0, header, 0, header.Length);
                uint generation = FileHeader.Check(header, n, Magic, path);
                if (generation != expectedGeneration)
                {
                    throw new StoreCorruptedException(path, 8, "log generation " + generation.ToString() + " where " + expectedGeneration.ToString() + " was expected");
                }

                return new LogFile(file, path, generation);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Reads the frame at <paramref name="offset"/> into <see cref="Buffer"/> (payload at 0). On Ok,
        /// <paramref name="payloadLength"/> is set and <paramref name="next"/> is the offset after the frame.
        /// </summary>
        public FrameStatus Read(long offset, out int payloadLength, out long next)
        {
            payloadLength = 0;
            next = offset;
            long remaining = _length - offset;
            if (remaining == 0)
            {
                return FrameStatus.End;
            }

            if (remaining < Frame.HeaderSize)
            {
                return FrameStatus.Torn;
            }

            if (_file.Read(offset, _header, 0, Frame.HeaderSize) != Frame.HeaderSize)
            {
                return FrameStatus.Torn;
            }

            int length;
            if (!Frame.TryReadHeader(_header, 0, out length))
            {
                return FrameStatus.Corrupt;
            }

            long frameLength = Frame.Overhead + (long)length;
            if (remaining < frameLength)
            {
                return FrameStatus.Torn;
            }

            int need = length + Frame.TrailerSize;
            if (Buffer.Length < need)
            {
                // 64-byte steps, not a quarter more: a 1.5 KB record (the mesh state) would keep 400 bytes to spare.
                Buffer = new byte[(need + 63) & ~63];
            }

            if (_file.Read(offset + Frame.HeaderSize, Buffer, 0, need) != need)
            {
                return FrameStatus.Torn;
            }

            if (!Frame.PayloadMatches(Buffer, 0, length))
            {
                return FrameStatus.Corrupt;
            }

            payloadLength = length;
            next = offset + frameLength;
            return FrameStatus.Ok;
        }

        /// <summary>Reads a frame that must be whole and sound (an index points at it); anything else is corruption.</summary>
        public int ReadExisting(long offset)
        {
            int length;
            long next;
            FrameStatus status = Read(offset, out length, out next);
            if (status != FrameStatus.Ok)
            {
                throw new StoreCorruptedException(Path, offset, "record unreadable (" + StatusText(status) + ")");
            }

            return length;
        }

        /// <summary>The first offset at or after <paramref name="from"/> where a whole, sound frame starts; -1 when none.</summary>
        public long FindNextFrame(long from)
        {
            for (long offset = from; offset + Frame.Overhead < _length; offset++)
            {
                int length;
                long next;
                if (Read(offset, out length, out next) == FrameStatus.Ok)
                {
                    return offset;
                }
            }

            return -1;
        }

        /// <summary>Raw bytes, no checks (copying, head reads).</summary>
        public int ReadRaw(long position, byte[] buffer, int offset, int count)
        {
            return _file.Read(position, buffer, offset, count);
        }

        /// <summary>
        /// Whether the record at <paramref name="offset"/> has this id, reading only the record's head (its CRC is
        /// checked whenever its content is used): 1 yes, 0 no, -1 the head is not a sound record head.
        /// </summary>
        public int CompareIdAt(long offset, byte[] id)
        {
            int want = Frame.HeaderSize + RecordHeader.FixedSize + 5 + id.Length;
            if (_head.Length < want)
            {
                _head = new byte[want + 16];
            }

            int n = _file.Read(offset, _head, 0, want);
            int length;
            if (n < Frame.HeaderSize + RecordHeader.FixedSize + 2 || !Frame.TryReadHeader(_head, 0, out length))
            {
                return -1;
            }

            int end = Frame.HeaderSize + (length < n - Frame.HeaderSize ? length : n - Frame.HeaderSize);
            int p = Frame.HeaderSize + RecordHeader.FixedSize;
            uint idLength;
            if (!LittleEndian.TryReadVarInt(_head, ref p, end, out idLength))
            {
                return -1;
            }

            if (idLength != (uint)id.Length)
            {
                return 0;
            }

            if (p + id.Length > end)
            {
                return -1;
            }

            for (int i = 0; i < id.Length; i++)
            {
                if (_head[p + i] != id[i])
                {
                    return 0;
                }
            }

            return 1;
        }

        /// <summary>Whether a whole, sound frame starts at offset, checked without touching <see cref="Buffer"/>.</summary>
        public bool IsSoundFrame(long offset)
        {
            int length;
            if (_file.Read(offset, _header, 0, Frame.HeaderSize) != Frame.HeaderSize || !Frame.TryReadHeader(_header, 0, out length)
                || offset + Frame.Overhead + length > _length)
            {
                return false;
            }

            byte[] b = new byte[length + Frame.TrailerSize];
            return _file.Read(offset + Frame.HeaderSize, b, 0, b.Length) == b.Length && Frame.PayloadMatches(b, 0, length);
        }

        public void Append(byte[] frames, int offset, int count)
        {
            _file.Append(frames, offset, count);
            _length += count;
        }

        public void Sync()
        {
            _file.Sync();
        }

        /// <summary>
        /// Brings the log back to <paramref name="length"/> after a failed append or a torn tail: true when the file has
        /// that length (nothing was written, or the rest was cut off and the cut synced); false when the platform
        /// cannot truncate or the file system fails.
        /// </summary>
        public bool CutBack(long length)
        {
            try
            {
                if (_file.Length != length)
                {
                    if (!_file.TryTruncate(length))
                    {
                        return false;
                    }

                    _file.Sync();
                }
            }
            catch (Exception)
            {
                return false;
            }

            _length = length;
            return true;
        }

        public void Dispose()
        {
            _file.Dispose();
        }

        public static string StatusText(FrameStatus status)
        {
            switch (status)
            {
                case FrameStatus.Ok:
                    return "ok";
                case FrameStatus.End:
                    return "end of file";
                case FrameStatus.Torn:
                    return "cut short";
                default:
                    return "CRC or header check failed";
            }
        }
    }
}
