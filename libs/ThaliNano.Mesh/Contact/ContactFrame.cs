namespace ThaliNano.Mesh.Contact
{
    /// <summary>Framing constants: the 3-byte start ("TC", version) and the size of the end record.</summary>
    internal static class ContactFrame
    {
        public const int Version = 1;
        public const int StartBytes = 3;
        public const int EndRecordBytes = 2;
        public const byte MagicT = (byte)'T';
        public const byte MagicC = (byte)'C';

        /// <summary>Bytes a record with a body of <paramref name="bodyLength"/> bytes takes on the wire.</summary>
        public static int RecordBytes(int bodyLength)
        {
            return 1 + Wire.WireWriter.VarintSize(bodyLength) + bodyLength;
        }
    }
}
