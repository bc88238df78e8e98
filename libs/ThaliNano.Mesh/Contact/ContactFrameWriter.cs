using System.IO;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>Writes one frame to a stream record by record, never past the receiver's limit (room for the end record is kept).</summary>
    internal sealed class ContactFrameWriter
    {
        private readonly Stream _output;
        private readonly int _limit;
        private readonly byte[] _prefix = new byte[6];

        public ContactFrameWriter(Stream output, int limit)
        {
            _output = output;
            _limit = limit;
            _prefix[0] = ContactFrame.MagicT;
            _prefix[1] = ContactFrame.MagicC;
            _prefix[2] = ContactFrame.Version;
            _output.Write(_prefix, 0, ContactFrame.StartBytes);
            Written = ContactFrame.StartBytes;
        }

        /// <summary>Bytes written so far.</summary>
        public long Written { get; private set; }

        public bool Fits(int bodyLength)
        {
            return Written + ContactFrame.RecordBytes(bodyLength) + ContactFrame.EndRecordBytes <= _limit;
        }

        /// <summary>Writes the record when it fits; false (nothing written) when it does not.</summary>
        public bool TryWrite(int type, byte[] body)
        {
            if (!Fits(body.Length))
            {
                return false;
            }

            WritePrefix(type, body.Length);
            _output.Write(body, 0, body.Length);
            Written += body.Length;
            return true;
        }

        public void WriteEnd()
        {
            WritePrefix(ContactRecordType.End, 0);
            _output.Flush();
        }

        private void WritePrefix(int type, int length)
        {
            _prefix[0] = (byte)type;
            int n = 1;
            long value = length;
            while (value >= 0x80)
            {
                _prefix[n++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _prefix[n++] = (byte)value;
            _output.Write(_prefix, 0, n);
            Written += n;
        }
    }
}
