// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/IO/DataWriter.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth
{
    public class DataWriter : Buffer
    {
        public DataWriter() : base(0u) => throw null;

        public uint MeasureString(string value) => throw null;
        public void WriteBoolean(bool value) => throw null;
        public void WriteBuffer(Buffer buffer) => throw null;
        public void WriteBuffer(Buffer buffer, uint start, uint count) => throw null;
        public void WriteByte(byte value) => throw null;
        public void WriteBytes(byte[] value) => throw null;
        public void WriteGuid(Guid value) => throw null;

        /// <summary>Service UUID byte order (least significant first), as in advertisements.</summary>
        public void WriteUuid(Guid value) => throw null;
        public void WriteInt16(short value) => throw null;
        public void WriteInt32(int value) => throw null;
        public uint WriteString(string value) => throw null;
        public void WriteUInt16(ushort value) => throw null;
        public void WriteUInt32(uint value) => throw null;
        public Buffer DetachBuffer() => throw null;
    }
}
