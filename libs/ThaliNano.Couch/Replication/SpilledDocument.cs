using System;
using System.IO;
using System.Text;
using ThaliNano.Couch.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Replication
{
    /// <summary>
    /// A <see cref="ParsedDocument"/> as <see cref="BulkDocsQueue"/> keeps it on a scratch file: u32 length of what
    /// follows, a flags byte, i32 revisions start, id, rev, u32 count and the revision ids, the body; strings are u32
    /// length (0xFFFFFFFF for null) and UTF-8. Only this process reads it back, so numbers are in its own byte order
    /// (<see cref="BitConverter"/>) and the format has no version.
    /// </summary>
    internal static class SpilledDocument
    {
        private const int Deleted = 1;
        private const int HasRevisions = 2;
        private const int HasAttachments = 4;
        private const uint NullString = 0xFFFFFFFF;

        /// <summary>Appends the document's frame to the file; <paramref name="frame"/> is reused between calls.</summary>
        public static void Append(ScratchFile file, ParsedDocument d, MemoryStream frame)
        {
            frame.SetLength(0);
            frame.WriteByte((byte)((d.Deleted ? Deleted : 0) | (d.HasRevisions ? HasRevisions : 0) | (d.HasAttachments ? HasAttachments : 0)));
            WriteUInt32(frame, (uint)d.RevisionsStart);
            WriteString(frame, d.Id);
            WriteString(frame, d.Rev);
            int revisions = d.RevisionIds == null ? 0 : d.RevisionIds.Length;
            WriteUInt32(frame, (uint)revisions);
            for (int i = 0; i < revisions; i++)
            {
                WriteString(frame, d.RevisionIds[i]);
            }

            WriteUInt32(frame, (uint)d.Body.Length);
            frame.Write(d.Body, 0, d.Body.Length);
            int length = (int)frame.Length;
            file.Append(BitConverter.GetBytes((uint)length), 0, 4);
            file.Append(frame.GetBuffer(), 0, length);
        }

        /// <summary>Reads the frame at <paramref name="position"/> and moves the position past it.</summary>
        public static ParsedDocument Read(ScratchFile file, ref long position)
        {
            byte[] head = new byte[4];
            ReadExactly(file, position, head);
            byte[] frame = new byte[(int)BitConverter.ToUInt32(head, 0)];
            ReadExactly(file, position + 4, frame);
            position += 4 + frame.Length;

            ParsedDocument d = new ParsedDocument();
            int flags = frame[0];
            d.Deleted = (flags & Deleted) != 0;
            d.HasRevisions = (flags & HasRevisions) != 0;
            d.HasAttachments = (flags & HasAttachments) != 0;
            d.RevisionsStart = BitConverter.ToInt32(frame, 1);
            int at = 5;
            d.Id = ReadString(frame, ref at);
            d.Rev = ReadString(frame, ref at);
            int revisions = BitConverter.ToInt32(frame, at);
            at += 4;
            if (d.HasRevisions)
            {
                d.RevisionIds = new string[revisions];
                for (int i = 0; i < revisions; i++)
                {
                    d.RevisionIds[i] = ReadString(frame, ref at);
                }
            }

            int bodyLength = BitConverter.ToInt32(frame, at);
            at += 4;
            d.Body = new byte[bodyLength];
            Array.Copy(frame, at, d.Body, 0, bodyLength);
            return d;
        }

        private static void WriteString(MemoryStream frame, string s)
        {
            if (s == null)
            {
                WriteUInt32(frame, NullString);
                return;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(s);
            WriteUInt32(frame, (uint)bytes.Length);
            frame.Write(bytes, 0, bytes.Length);
        }

        private static string ReadString(byte[] frame, ref int at)
        {
            uint length = BitConverter.ToUInt32(frame, at);
            at += 4;
            if (length == NullString)
            {
                return null;
            }

            string s = Encoding.UTF8.GetString(frame, at, (int)length);
            at += (int)length;
            return s;
        }

        private static void WriteUInt32(MemoryStream frame, uint value)
        {
            frame.Write(BitConverter.GetBytes(value), 0, 4);
        }

        private static void ReadExactly(ScratchFile file, long position, byte[] buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                int n = file.Read(position + done, buffer, done, buffer.Length - done);
                if (n == 0)
                {
                    throw new IOException("a scratch file ended early");
                }

                done += n;
            }
        }
    }
}
