// Reference declarations of nanoFramework.System.Device.I2c 1.1.29 (nanoframework/System.Device.I2c, System.Device.I2c/I2cDevice.cs). Signatures only; never used at run time.

namespace System.Device.I2c
{
    /// <summary>
    /// One device on an I2C bus. Transfers take SpanByte (mscorlib's byte span; a byte[] converts implicitly) and
    /// report NACKs and clock-stretch timeouts in the returned I2cTransferResult rather than by throwing.
    /// WriteRead sends a repeated start between its write and read parts.
    /// </summary>
    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) => throw null;

        public I2cConnectionSettings ConnectionSettings => throw null;

        public static I2cDevice Create(I2cConnectionSettings settings) => throw null;

        public byte ReadByte() => throw null;
        public I2cTransferResult Read(SpanByte buffer) => throw null;
        public I2cTransferResult WriteByte(byte value) => throw null;
        public I2cTransferResult Write(SpanByte buffer) => throw null;
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => throw null;

        public void Dispose() => throw null;
    }
}
