// Reference declarations of nanoFramework.System.Device.I2c 1.1.29 (nanoframework/System.Device.I2c, System.Device.I2c/I2cTransferResult.cs). Signatures only; never used at run time.

namespace System.Device.I2c
{
    public struct I2cTransferResult
    {
        public uint BytesTransferred => throw null;
        public I2cTransferStatus Status => throw null;
    }
}
