// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/IO/DataReader.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>Once every byte is read the reader swaps in a new empty 32-byte Buffer (an allocation upstream).</summary>
    public class DataReader
    {
        private DataReader() { }

        public static DataReader FromBuffer(Buffer buffer) => throw null;

        public uint UnconsumedBufferLength => throw null;

        public Buffer ReadBuffer(uint length) => throw null;
        public byte ReadByte() => throw null;
        public void ReadBytes(byte[] value) => throw null;
        public Guid ReadGuid() => throw null;
        public Guid ReadUuid() => throw null;
        public ushort ReadUInt16() => throw null;
        public uint ReadUInt32() => throw null;
        public string ReadString(uint codeUnitCount) => throw null;
    }
}
