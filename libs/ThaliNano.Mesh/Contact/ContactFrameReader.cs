using System.IO;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// Reads one frame from an untrusted stream record by record, within the reader's frame limit and the record limit.
    /// Never throws: a broken link, a bad start or record, or an oversized one sets <see cref="Failure"/> and ends the frame.
    /// </summary>
    internal sealed class ContactFrameReader
    {
        public const int EndOfFrame = -1;

        private readonly Stream _input;
        private readonly int _limit;
        private readonly byte[] _one = new byte[1];

        public ContactFrameReader(Stream input, int limit)
        {
            _input = input;
            _limit = limit;
        }

        public ContactRefusal Failure { get; private set; }

        /// <summary>True once the end record was read.</summary>
        public bool Ended { get; private set; }

        /// <summary>Bytes read so far.</summary>
        public long BytesRead { get; private set; }

        /// <summary>Reads the frame start; false (with <see cref="Failure"/>) when it is not a version this node speaks.</summary>
        public bool ReadStart()
        {
            int t = ReadOne();
            int c = t < 0 ? -1 : ReadOne();
            int version = c < 0 ? -1 : ReadOne();
            if (version < 0)
            {
                return Fail(ContactRefusal.Cut);
            }

            if (t != ContactFrame.MagicT || c != ContactFrame.MagicC)
            {
                return Fail(ContactRefusal.Malformed);
            }

            return version == ContactFrame.Version || Fail(ContactRefusal.BadVersion);
        }

        /// <summary>
        /// The next record's type and body; <see cref="EndOfFrame"/> after the end record or on failure (then
        /// <see cref="Failure"/> says why).
        /// </summary>
        public int Next(out byte[] body)
        {
            body = null;
            if (Failure != ContactRefusal.None)
            {
                return EndOfFrame;
            }

            int type = ReadOne();
            long length = type < 0 ? -1 : ReadLength();
            if (length < 0)
            {
                return EndOfFrame;
            }

            if (type == ContactRecordType.End)
            {
                Ended = length == 0;
                return Ended ? EndOfFrame : FailRecord(ContactRefusal.Malformed);
            }

            if (length > ContactLimits.MaxRecordBytes || BytesRead + length > _limit)
            {
                return FailRecord(ContactRefusal.TooLarge);
            }

            body = new byte[(int)length];
            if (!ReadFully(body))
            {
                body = null;
                return EndOfFrame;
            }

            return type;
        }

        private long ReadLength()
        {
            long value = 0;
            for (int shift = 0; shift < 35; shift += 7)
            {
                int b = ReadOne();
                if (b < 0)
                {
                    return -1;
                }

                value |= (long)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    if (b == 0 && shift > 0)
                    {
                        break;
                    }

                    return value;
                }
            }

            FailRecord(ContactRefusal.Malformed);
            return -1;
        }

        private int ReadOne()
        {
            if (!ReadFully(_one))
            {
                return -1;
            }

            return _one[0];
        }

        private bool ReadFully(byte[] buffer)
        {
            if (BytesRead + buffer.Length > _limit)
            {
                return Fail(ContactRefusal.TooLarge);
            }

            int offset = 0;
            try
            {
                while (offset < buffer.Length)
                {
                    int n = _input.Read(buffer, offset, buffer.Length - offset);
                    if (n <= 0)
                    {
                        return Fail(ContactRefusal.Cut);
                    }

                    offset += n;
                }
            }
            catch (IOException)
            {
                return Fail(ContactRefusal.Cut);
            }

            BytesRead += buffer.Length;
            return true;
        }

        private int FailRecord(ContactRefusal refusal)
        {
            Fail(refusal);
            return EndOfFrame;
        }

        private bool Fail(ContactRefusal refusal)
        {
            if (Failure == ContactRefusal.None)
            {
                Failure = refusal;
            }

            return false;
        }
    }
}
