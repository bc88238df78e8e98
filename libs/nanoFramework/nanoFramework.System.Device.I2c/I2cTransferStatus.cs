// Reference declarations of nanoFramework.System.Device.I2c 1.1.29 (nanoframework/System.Device.I2c, System.Device.I2c/I2cTransferStatus.cs). Signatures only; never used at run time.

namespace System.Device.I2c
{
    public enum I2cTransferStatus
    {
        UnknownError,

        /// <summary>Everything transferred; for WriteRead both parts.</summary>
        FullTransfer,

        /// <summary>The device held the clock low for too long.</summary>
        ClockStretchTimeout,

        /// <summary>The device NACKed a data byte; BytesTransferred counts what went through.</summary>
        PartialTransfer,

        /// <summary>Nobody acknowledged the address; BytesTransferred is 0.</summary>
        SlaveAddressNotAcknowledged,
    }
}
